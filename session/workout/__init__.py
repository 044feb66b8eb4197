"""The workout engine's parts (the public face is `session.engine`).

`state` (the state and a step's outcome), `phases` (the phase table), `set_phases` and
`rest_phases` (the handlers in it), `rhythm` (how each kind of exercise counts its reps), `cues`
(the words), `results` (what is kept), `core` (a step), `begin` (start and resume).
"""
