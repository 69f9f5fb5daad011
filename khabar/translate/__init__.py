"""Translation engines: reference, Argos (offline neural), online providers and the word-by-word gloss.

They are registered in ``khabar.engines``.
"""
