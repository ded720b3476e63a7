"""Scenarios: evidence sets with the conclusions they should lead to."""
