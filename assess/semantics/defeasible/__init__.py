"""Defeasible logic (DESIGN §3.3): ground theories, proof conditions, answers."""
