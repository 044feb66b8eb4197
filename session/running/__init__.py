"""Back to speed work, the pure domain: runs under the pain rules, a readiness gate, a ladder.

- `speed_program`, `loader`: the data file (assets/return_to_speed.toml) as models, and its parsing.
- `runs`: the run log record, its validation and the form answers.
- `mornings`: what these rules need of the one morning model, and an adapter over it.
- `run_rule`: a morning above usual after a run dials the running back.
- `weaning`: dropping the temporary calming measures, one at a time.
- `functional`: heel-raise and hop test results, and their limb symmetry.
- `gate`: the readiness gate for hills and speed: what is met and what is missing.
- `ladder`: the graded return (strides, short hills, intervals), stepped back by a flare.
- `outcome`: the VISA-A-based questionnaire, its scoring, when it is due, and its trend.
- `imports`: runs read from GPX, TCX and FIT bytes.
- `plan`, `review`: what Today, the trends and the physio report show.

No I/O, no clock: files arrive as bytes or text, and `now` is passed in.
"""
