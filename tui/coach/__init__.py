"""The app's use cases: what the screens and the command line ask of the history and the rules."""
