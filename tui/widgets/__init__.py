"""Widgets of the workout app: big text readable from two metres, the pain scale, captions."""
