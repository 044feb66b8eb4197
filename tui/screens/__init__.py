"""The app's screens, one per step: first launch, today, workout, pain rating, summary, settings."""
