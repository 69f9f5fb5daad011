"""Named entities: the NER backends (stanza when its Hindi models are on disk, else the shipped offline CRF),
their lexicons and rules, and the linking of mentions into entities.

The backends are registered in ``khabar.engines``; ``khabar.pipeline.entities_for_lines`` is the JSON Lines of
``python -m khabar entities``.
"""
