"""Reads of the assessment: when a quarter is settled (settled.py), the rankings (rankings.py)."""
