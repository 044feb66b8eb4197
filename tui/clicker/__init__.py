"""The runner's remote in the app: which keys each kind of device sends, as Textual names them.

The logic (taps and holds, the pain dial, learning) is pure and lives in `session.clicker`,
`session.pain_dial` and `session.clicker_learning`; this package holds the terminal's side.
"""
