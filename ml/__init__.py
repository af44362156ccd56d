"""Race predictions from the warehouse's features (`gold.ml_driver_race_features`).

Targets top10, podium, win and dnf; a gradient-boosted model against a grid-only logistic
baseline, walk-forward backtests and a model registry on the data root (`models/`).
"""
