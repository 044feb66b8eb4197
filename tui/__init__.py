"""The terminal user interface: the Textual app, its screens, the voice and the command line."""
