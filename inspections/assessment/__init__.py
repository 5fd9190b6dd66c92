"""The quarterly assessment: its run, its publication and the night's drafts, when a
quarter's checks are settled, and the rankings' data. Its reports are inspections/reports/."""
