"""The language server behind ``assess lsp``, beside the command line.

``server`` speaks the protocol (on pygls); ``project`` says which files go
together and checks them as ``assess check`` does; ``index`` finds where
predicates, labels and sources are written; ``hover`` reads judgements and
probabilities through ``assess.api``; ``complete`` offers names. Only
``server`` and ``complete`` import pygls or lsprotocol, and only
``cli/lsp.py`` imports ``server``, when the command runs.
"""
