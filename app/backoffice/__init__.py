"""The back office: what supervisors, quality reviewers and administrators do on the centre
(survey answers, evaluations, the alignment of the four views, indicators, incidents). It reads
the centre through the user's own rights, never a workstation's 14-day copy."""
