"""Isaac Syndrome Explainer: an interactive walk from antibodies to twitching muscles."""
