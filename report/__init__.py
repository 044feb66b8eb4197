"""What the app writes for people to read: the physio's one-page report and the set-by-set CSV.

Pure: records in, text out, no I/O (the command line reads the history and writes the files).
`physio` builds the report (Markdown, or HTML with `pain_chart`'s inline SVG); `sets_csv` is one
row per set per leg, for a spreadsheet.
"""
