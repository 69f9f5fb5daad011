"""Stories across articles: every article of the library that mentions an entity (or matches a search), and one
merged timeline of their events, each pointing back at its sentence.

Identity across articles is the linking used within one article (``khabar.pipeline.link_entities``), run over the
mentions of every article together: spelling variants, titles and partial names (मोदी with नरेंद्र मोदी) merge
across articles exactly as they do inside one.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from khabar.model import Article, EntitySpan, Event
from khabar.pipeline import link_entities
from khabar.text import match_key
from khabar.timeline.events import best_english

STORY_LABELS = ("PER", "LOC", "ORG", "NORP")
CERTAINTY_ORDER = {"exact": 0, "approximate": 1, "inferred": 2, "undated": 3}


@dataclass(frozen=True)
class StoryEntity:
    """One entity across the library: its English name, Hindi forms, and how many articles and mentions."""

    id: str
    label: str
    canonical: str
    forms: tuple[str, ...]
    articles: int
    mentions: int


@dataclass(frozen=True)
class StoryArticle:
    """One article in a story: which sentences mention the entity (or match the search)."""

    id: str
    title: str
    published: str
    sentences: tuple[int, ...]


@dataclass(frozen=True)
class StoryEvent:
    """One event of the merged timeline, with the article and sentence it comes from."""

    article_id: str
    article_title: str
    published: str
    sentence: int
    start_date: str
    end_date: str
    certainty: str
    summary_hi: str
    summary_en: str
    sentence_hi: str


@dataclass(frozen=True)
class Story:
    """The articles of a story, oldest first, and their events on one timeline (dated first, in date order)."""

    title: str
    articles: tuple[StoryArticle, ...]
    events: tuple[StoryEvent, ...]


@dataclass(frozen=True)
class LibraryEntities:
    """The entities of a set of articles linked across them, and where each is mentioned."""

    entities: tuple[StoryEntity, ...]
    # entity id -> article id -> sentence indices
    mentions: dict[str, dict[str, tuple[int, ...]]]

    def get(self, entity_id: str) -> StoryEntity | None:
        """The entity with this id, if any article mentions it."""
        return next((e for e in self.entities if e.id == entity_id), None)


def link_across(articles: Sequence[Article], labels: Iterable[str] = STORY_LABELS) -> LibraryEntities:
    """Link the name mentions of all ``articles`` as if they were one article; return the merged entities."""
    wanted = set(labels)
    owners: list[tuple[str, int]] = []
    spans: list[EntitySpan] = []
    offset = 0
    for article in articles:
        for span in article.entities:
            if span.label in wanted:
                # Shifted so that mentions keep their article's order in the combined text.
                spans.append(dataclasses.replace(span, start=span.start + offset, end=span.end + offset))
                owners.append((article.id, span.sentence))
        offset += len(article.text) + 1
    linked = link_entities(Article(text="", entities=tuple(spans))).entities
    mentions: dict[str, dict[str, list[int]]] = {}
    info: dict[str, dict] = {}
    for span, (article_id, sentence) in zip(linked, owners, strict=True):
        sentences = mentions.setdefault(span.entity_id, {}).setdefault(article_id, [])
        if sentence not in sentences:
            sentences.append(sentence)
        item = info.setdefault(span.entity_id, {"label": span.label, "canonical": span.canonical, "forms": [],
                                                "mentions": 0})
        item["mentions"] += 1
        if span.text not in item["forms"]:
            item["forms"].append(span.text)
    entities = tuple(sorted(
        (StoryEntity(id=eid, label=v["label"], canonical=v["canonical"], forms=tuple(v["forms"]),
                     articles=len(mentions[eid]), mentions=v["mentions"]) for eid, v in info.items()),
        key=lambda e: (-e.articles, -e.mentions, e.canonical.lower()),
    ))
    return LibraryEntities(entities=entities,
                           mentions={e: {a: tuple(sorted(s)) for a, s in by.items()} for e, by in mentions.items()})


def _story_event(article: Article, event: Event) -> StoryEvent:
    sentence = article.sentences[event.sentence] if 0 <= event.sentence < len(article.sentences) else None
    return StoryEvent(
        article_id=article.id, article_title=article.meta.title or "Untitled article",
        published=article.meta.published, sentence=event.sentence, start_date=event.start_date,
        end_date=event.end_date, certainty=event.certainty, summary_hi=event.summary_hi,
        summary_en=event.summary_en or best_english(article, event.sentence),
        sentence_hi=sentence.text if sentence else "",
    )


def _timeline_order(event: StoryEvent) -> tuple:
    # Dated events by date; then events dated only by their article, by its publication; then the rest.
    return (0 if event.start_date else 1, event.start_date or event.published or "9999",
            CERTAINTY_ORDER.get(event.certainty, 3), event.published, event.article_id, event.sentence)


def _story(title: str, articles: Sequence[Article], sentences_of: dict[str, tuple[int, ...]]) -> Story:
    chosen = [a for a in articles if a.id in sentences_of]
    chosen.sort(key=lambda a: (a.meta.published or "9999", a.meta.title, a.id))
    story_articles = tuple(StoryArticle(id=a.id, title=a.meta.title or "Untitled article",
                                        published=a.meta.published, sentences=sentences_of[a.id]) for a in chosen)
    events = [_story_event(a, e) for a in chosen for e in a.events if e.sentence in sentences_of[a.id]]
    return Story(title=title, articles=story_articles, events=tuple(sorted(events, key=_timeline_order)))


def entity_story(articles: Sequence[Article], entity_id: str, linked: LibraryEntities | None = None) -> Story:
    """Every article mentioning ``entity_id`` (an id from ``link_across``) and the events of those sentences."""
    linked = linked or link_across(articles)
    entity = linked.get(entity_id)
    title = entity.canonical if entity else entity_id
    return _story(title, articles, linked.mentions.get(entity_id, {}))


def search_story(articles: Sequence[Article], query: str) -> Story:
    """Every article with a sentence containing ``query`` (folded as the library's search folds it), and the
    events of those sentences."""
    key = match_key(query)
    sentences_of: dict[str, tuple[int, ...]] = {}
    if key:
        for article in articles:
            found = tuple(s.index for s in article.sentences if key in match_key(s.text))
            if found:
                sentences_of[article.id] = found
    return _story(query.strip(), articles, sentences_of)
