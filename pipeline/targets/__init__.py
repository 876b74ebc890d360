"""Reading quantified targets: wordings, action-plan rows, baselines, deadlines."""
