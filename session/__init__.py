"""The pure core of achilles-coach: program and record models, the workout engine, pain zones
and progression. Nothing here does I/O, imports the UI or storage, or reads a clock: time is
passed in."""
