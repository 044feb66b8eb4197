"""Part 1, heavy slow calf raises: the program data, the dose by week, the load proposal, the
combined day with part 2, the records of a strength set and their summaries. Pure, like the rest
of `session`: no I/O, no clock (time is passed in).

Modules: `program` (the data and its parsing), `records` (settings, prescription, sets,
summaries), `weeks` (the dose by week), `mornings` (what the load rules need from the morning
model), `load` (the load proposal), `prescribe` (today's part 1), `day` (what the next session
holds), `summary` (history rows and the load chart).
"""
