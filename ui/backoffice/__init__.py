"""The supervisor's views: review of cases, evaluations, alignment and indicators (to come)."""
