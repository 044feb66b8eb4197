"""Persistence of the runner's history: settings, sessions and check-ins, kept safe on disk.

The only code that touches the data folder. Knows nothing of the UI or the voice.
"""
