"""Entity resolution: one node per real thing, across documents and languages.

Names from statements become canonical entities keyed by general rules
(suffix-stripping for organisations, pinyin for Chinese names written in
English, the role vocabulary for posts, year for summits) and by the
user-editable alias table in ``ontology/aliases.yaml``. Statements with the
same resolved content merge into one claim carrying every evidence.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from pydantic import BaseModel, ConfigDict

from .curated import AliasTable
from .evaluate import normalise_value
from .iri import slug
from .models import Evidence, Language, Statement

__all__ = ["Entity", "Claim", "Resolution", "resolve"]

_ORG_SUFFIX = re.compile(
    r"(?:股份有限公司|有限责任公司|有限公司|集团公司|集团|公司|控股|"
    r",?\s+(?:Group|Inc\.?|Co\.,?\s*Ltd\.?|Corporation|Corp\.?|Limited|Ltd\.?|Holdings|Company))$",
    re.I)
_WIC_PREFIX = re.compile(r"^(?:世界互联网大会|世界互联网|World Internet Conference\s*)")
_EVENT_PREFIX = re.compile(r"^(?:峰会|大会|the\s+)", re.I)
_EVENT_ALIASES = {"开幕式": "opening", "openingceremony": "opening", "闭幕式": "closing", "closingceremony": "closing"}
_CEREMONY_LABELS = {"opening": {"zh": "开幕式", "en": "opening ceremony"},
                    "closing": {"zh": "闭幕式", "en": "closing ceremony"}}
_SUMMIT_LABEL = {"zh": "{}年世界互联网大会乌镇峰会", "en": "{} World Internet Conference Wuzhen Summit"}


class Entity(BaseModel):
    model_config = ConfigDict(frozen=False)

    kind: str
    key: str
    slug: str = ""
    labels: dict[str, str] = {}
    aliases: list[tuple[str, str, str]] = []  # (label, lang, doc_id)
    known_names: list[str] = []  # every name the alias table or the curated data gives it
    year: int | None = None
    vocabulary_iri: str | None = None
    broader_iri: str | None = None


class Claim(BaseModel):
    model_config = ConfigDict(frozen=False)

    kind: str  # position | appearance | grant | publication | theme | schedule | opening
    key: str
    entities: dict[str, str] = {}  # field -> entity key
    values: dict[str, object] = {}  # literals: year, theme, dates, lang; a position's attested year per document
    evidence: list[Evidence] = []


@dataclass
class Resolution:
    entities: dict[str, Entity] = field(default_factory=dict)
    claims: dict[str, Claim] = field(default_factory=dict)


class _Labels:
    """Counts the surface forms seen for each entity, by language and document."""

    def __init__(self) -> None:
        self.seen: dict[str, Counter] = defaultdict(Counter)

    def add(self, key: str, label: str, lang: str, doc_id: str) -> None:
        self.seen[key][(label, lang, doc_id)] += 1


@lru_cache(maxsize=1)
def _roles_graph():
    from rdflib import Graph

    from .extract.lexicon import roles_path

    return Graph().parse(roles_path(), format="turtle")


@lru_cache(maxsize=1)
def _role_vocabulary() -> dict[str, tuple[str, dict[str, str]]]:
    """label (lower-cased) → (concept IRI, its prefLabels)."""
    from rdflib.namespace import SKOS

    graph = _roles_graph()
    table: dict[str, tuple[str, dict[str, str]]] = {}
    for concept in sorted(set(graph.subjects(SKOS.inScheme, None))):
        preferred = {o.language: str(o) for o in graph.objects(concept, SKOS.prefLabel)}
        for prop in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
            for label in graph.objects(concept, prop):
                table.setdefault(str(label).lower(), (str(concept), preferred))
    return table


@lru_cache(maxsize=1)
def _posts_in_organisations() -> dict[tuple[str, str], str]:
    """(title, organisation) → the hidden label of the post that title names
    there: skos:hiddenLabel "President of China" (a label no page shows, so
    extraction never reads it) makes "President" in China 国家主席."""
    from rdflib.namespace import SKOS

    posts = {}
    for label in sorted(str(o) for o in _roles_graph().objects(None, SKOS.hiddenLabel)):
        title, sep, organization = label.partition(" of ")
        if sep:
            posts[(title.lower(), organization)] = label
    return posts


def _aliases(table: AliasTable) -> tuple[dict[str, dict[str, tuple[str, dict[str, str]]]], dict[str, list[str]]]:
    """kind → normalised name → (alias key, preferred labels); and kind:alias key → every name of the entry."""
    out: dict[str, dict[str, tuple[str, dict[str, str]]]] = {}
    names: dict[str, list[str]] = defaultdict(list)
    for kind, entries in (("organization", table.organisations), ("person", table.people), ("place", table.places)):
        index: dict[str, tuple[str, dict[str, str]]] = {}
        for entry in entries:
            written = [name for name in (entry.zh, entry.en, *entry.aliases) if name]
            # An entry that shares a name with an earlier one (the curated data's, after the table's) adds to it.
            own = ("alias:" + (entry.en or entry.zh),
                   {lang: name for lang, name in (("zh", entry.zh), ("en", entry.en)) if name})
            key, preferred = next((index[_norm(name)] for name in written if _norm(name) in index), own)
            for name in written:
                index.setdefault(_norm(name), (key, preferred))
                if name not in names[f"{kind}:{key}"]:
                    names[f"{kind}:{key}"].append(name)
        out[kind] = index
    return out, dict(names)


def _norm(text: str) -> str:
    return normalise_value(text) or ""


def _org_core(name: str) -> str:
    core = _ORG_SUFFIX.sub("", name.strip())
    return _norm(core or name)


@lru_cache(maxsize=1 << 16)
def _family_given(name: str) -> tuple[str, str] | None:
    """A Chinese name's pinyin as (family name, given name), or None for one syllable."""
    from pypinyin import lazy_pinyin

    syllables = lazy_pinyin(name.replace("·", ""))
    if len(syllables) < 2:
        return None
    return syllables[0], "".join(syllables[1:])


def _pinyin_forms(name: str) -> frozenset[str]:
    parts = _family_given(name)
    if parts is None:
        return frozenset()
    family, given = parts
    return frozenset({f"{family}{given}", f"{given}{family}"})


def chinese_name(label: str) -> bool:
    """Whether a label is a Chinese person's name (two to four Han characters)."""
    return re.fullmatch(r"[\u4e00-\u9fff]{2,4}", label) is not None


def pinyin_name(name: str) -> str | None:
    """A Chinese person's name in pinyin as written in English (林振宇 → Lin Zhenyu)."""
    parts = _family_given(name)
    return None if parts is None else f"{parts[0].capitalize()} {parts[1].capitalize()}"


class _Resolver:
    def __init__(self, aliases: AliasTable, preferred_overrides: dict[str, dict[str, str]]):
        self.alias_index, self.alias_names = _aliases(aliases)
        self.preferred: dict[str, dict[str, str]] = dict(preferred_overrides)
        self.labels = _Labels()
        self.kinds: dict[str, str] = {}
        self.years: dict[str, int] = {}
        self.vocab: dict[str, str] = {}
        self.broader: dict[str, str] = {}
        self._keys: dict[tuple, str] = {}  # what _key already gave; its side effects are idempotent

    def entity(self, kind: str, name: str, lang: str, doc_id: str, year: int | None = None) -> str:
        key = self.entity_key(kind, name, year)
        self.kinds[key] = kind
        if year is not None and kind in ("summit", "forum"):
            self.years[key] = year
        self.labels.add(key, name, lang, doc_id)
        return key

    def _key(self, kind: str, name: str, year: int | None) -> str:
        norm = _norm(name)
        alias = self.alias_index.get(kind, {}).get(norm)
        if alias is None and kind == "organization":
            alias = self.alias_index["organization"].get(_org_core(name))
        if alias is None and kind == "place":
            alias = self._known_place_within(norm)
        if alias is not None:
            self.preferred.setdefault(f"{kind}:{alias[0]}", alias[1])
            return f"{kind}:{alias[0]}"
        if kind == "summit":
            return f"summit:{year}"
        if kind == "organization":
            return f"organization:{_org_core(name)}"
        if kind == "role":
            return self._role_key(name)
        if kind == "forum":
            name = _EVENT_PREFIX.sub("", name)
            ceremony = _EVENT_ALIASES.get(_norm(name))
            if ceremony:
                self.preferred.setdefault(f"forum:{year}:{ceremony}", _CEREMONY_LABELS[ceremony])
            return f"forum:{year}:{ceremony or _norm(name)}"
        if kind == "award":
            return f"award:{_norm(_WIC_PREFIX.sub('', name)) or norm}"
        return f"{kind}:{norm}"

    def _known_place_within(self, norm: str) -> tuple[str, dict[str, str]] | None:
        """A known place written with its address: 浙江省嘉兴市桐乡乌镇 ends in 乌镇,
        "Wuzhen, Tongxiang" opens with Wuzhen. The longest known name wins."""
        index = self.alias_index["place"]
        head = norm.split(",")[0]  # "Wuzhen, Tongxiang": the place, then where it lies
        known = [name for name in index if len(name) >= 2 and (head == name if "," in norm else norm.endswith(name))]
        return index[max(known, key=lambda name: (len(name), name))] if known else None

    def _role_key(self, name: str) -> str:
        vocabulary = _role_vocabulary()
        hit = vocabulary.get(name.lower())
        if hit:
            key = f"role:{hit[0]}"
            self.vocab[key] = hit[0]
            self.preferred.setdefault(key, hit[1])
            return key
        key = f"role:{_norm(name)}"
        # A composed post (全球资深副总裁) is narrower than the longest known post it ends with.
        for length in range(len(name) - 1, 1, -1):
            tail = vocabulary.get(name[-length:].lower())
            if tail:
                self.broader[key] = tail[0]
                break
        return key

    def qualified_role(self, title: str, organization: str) -> str:
        """The post a title stands for in one organisation: "President" in the
        organisation that "China" names is the vocabulary's "President of China"
        (国家主席), not a company's president (总裁) nor another state's (总统)."""
        for (posted, org_name), label in _posts_in_organisations().items():
            if posted == title.lower() and self.entity_key("organization", org_name) == organization:
                return label
        return title

    def entity_key(self, kind: str, name: str, year: int | None = None) -> str:
        """The key a name resolves to, without counting it as a label seen in a document."""
        key = self._keys.get((kind, name, year))
        if key is None:
            key = self._keys[(kind, name, year)] = self._key(kind, name, year)
        return key

    def link_transliterations(self) -> dict[str, str]:
        """English spellings of Chinese names (Zhang San ≡ 张三) → one key."""
        chinese = {}
        for key, kind in self.kinds.items():
            if kind != "person":
                continue
            for (label, lang, _), _count in self.labels.seen[key].items():
                if lang == "zh" and re.fullmatch(r"[\u4e00-\u9fff]{2,4}", label):
                    for form in _pinyin_forms(label):
                        chinese.setdefault(form, key)
        merged, has_chinese_name = {}, set(chinese.values())  # a set: testing dict.values() was quadratic
        for key, kind in self.kinds.items():
            if kind == "person" and key not in has_chinese_name:
                latin = {re.sub(r"[^a-z]", "", label.lower()) for (label, lang, _), _c in self.labels.seen[key].items()
                         if lang == "en"}
                target = next((chinese[form] for form in sorted(latin) if form in chinese), None)
                if target:
                    merged[key] = target
        return merged


def _pick_label(counter: Counter, lang: str) -> str | None:
    totals = Counter()
    for (label, label_lang, _doc), count in counter.items():
        if label_lang == lang:
            totals[label] += count
    if not totals:
        return None
    return sorted(totals.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0][0]


def _statement_claim(r: _Resolver, st: Statement) -> Claim | None:
    doc, lang = st.evidence.doc_id, st.lang
    ent = lambda kind, name, year=None: r.entity(kind, name, lang, doc, year)  # noqa: E731
    if st.rel == "holds_role":
        organization = ent("organization", st.org)
        fields = {"person": ent("person", st.person), "role": ent("role", r.qualified_role(st.role, organization)),
                  "organization": organization}
        return _claim(kind="position", entities=fields, values={"titles": {lang: {st.role: 1}}})
    if st.rel == "speaks_at":
        summit = ent("summit", _SUMMIT_LABEL[lang].format(st.summit), st.summit)
        event_kind = "ceremony" if re.search(r"式|典礼|仪式|[Cc]eremony", st.event) else "forum"
        event = r.entity("forum", st.event, lang, doc, st.summit)
        r.kinds[event] = event_kind
        return _claim(kind="appearance", entities={"person": ent("person", st.person), "event": event, "summit": summit})
    if st.rel == "summit_theme":
        summit = ent("summit", _SUMMIT_LABEL[lang].format(st.summit), st.summit)
        return _claim(kind="theme", entities={"summit": summit}, values={"theme": st.theme, "lang": lang})
    if st.rel == "summit_held":
        summit = ent("summit", _SUMMIT_LABEL[lang].format(st.summit), st.summit)
        fields = {"summit": summit}
        if st.place:
            fields["place"] = ent("place", st.place)
        return _claim(kind="schedule", entities=fields, values={"start": st.start, "end": st.end})
    if st.rel == "summit_opened":
        summit = ent("summit", _SUMMIT_LABEL[lang].format(st.summit), st.summit)
        # The ceremony is the one the articles' speakers spoke at: one event, whichever source names it.
        ceremony = r.entity("forum", _CEREMONY_LABELS["opening"][lang], lang, doc, st.summit)
        r.kinds[ceremony] = "ceremony"
        fields = {"summit": summit, "event": ceremony}
        if st.place:
            fields["place"] = ent("place", st.place)
        return _claim(kind="opening", entities=fields, values={"date": st.date})
    if st.rel == "award_project":
        fields = {"award": ent("award", st.award), "project": ent("project", st.project)}
        if st.org:
            fields["organization"] = ent("organization", st.org)
        return _claim(kind="grant", entities=fields, values={"year": st.year})
    if st.rel == "publishes":
        fields = {"work": ent("work", st.work)}
        if st.publisher:
            fields["publisher"] = ent("organization", st.publisher)
        return _claim(kind="publication", entities=fields, values={"year": st.year})
    raise ValueError(f"unknown relation {st.rel}")


def _claim(kind: str, entities: dict[str, str], values: dict[str, object] | None = None) -> Claim:
    """A claim built from already validated statements: pydantic's checks again
    would cost a second per hundred thousand statements."""
    return Claim.model_construct(kind=kind, key="", entities=entities, values=values or {}, evidence=[])


# Fields that identify a claim; the others (an org behind a project, a
# place) are merged from whichever evidence gives them.
_IDENTITY = {
    "position": ("person", "role", "organization"),
    "appearance": ("person", "event"),
    "theme": ("summit", "theme", "lang"),
    "schedule": ("summit", "start", "end"),
    "opening": ("summit", "date"),
    "grant": ("award", "project", "year"),
    "publication": ("work", "year"),
}


def _identity(claim: Claim) -> str:
    parts = [claim.kind]
    for name in _IDENTITY[claim.kind]:
        value = claim.entities.get(name, claim.values.get(name))
        parts.append(_norm(value) if name == "theme" else str(value))
    return "|".join(parts)


def _merge(claims: list[Claim]) -> Claim:
    """One claim from claims with the same identity. The first one becomes the
    merged claim: they are `resolve`'s own, made for this call and dropped
    after it, so copying them only cost time and memory."""
    merged = claims[0]
    for name in ("organization", "publisher", "place"):
        options = Counter(c.entities[name] for c in claims if name in c.entities)
        if options and _IDENTITY[merged.kind].count(name) == 0:
            merged.entities[name] = sorted(options.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    if merged.kind == "position":
        # The vocabulary unifies synonyms; the title as most sources write it is kept per language.
        counts: dict[str, Counter] = defaultdict(Counter)
        for claim in claims:
            for lang, titles in claim.values["titles"].items():
                counts[lang].update(titles)
        merged.values["titles"] = {lang: sorted(c.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0][0]
                                   for lang, c in sorted(counts.items())}
    merged.evidence = sorted({e for c in claims for e in c.evidence},
                             key=lambda e: (e.doc_id, e.start or -1, e.end or -1, e.extractor))
    return merged


def resolve(statements: list[Statement], aliases: AliasTable,
            preferred: dict[str, dict[str, str]] | None = None) -> Resolution:
    """Resolve names to entities and merge statements into claims.

    The result does not depend on the order of `statements`.
    """
    resolver = _Resolver(aliases, preferred or {})
    years = _document_years(statements)
    raw: list[Claim] = []
    for st in sorted(statements, key=lambda s: s.model_dump_json()):
        claim = _statement_claim(resolver, st)
        claim.evidence = [st.evidence]
        raw.append(claim)
    redirect = resolver.link_transliterations()
    for claim in raw:
        claim.entities = {k: redirect.get(v, v) for k, v in claim.entities.items()}
    for old, new in redirect.items():
        for item, count in resolver.labels.seen.pop(old, Counter()).items():
            resolver.labels.seen[new][item] += count
        resolver.kinds.pop(old, None)
    grouped: dict[str, list[Claim]] = defaultdict(list)
    for claim in raw:
        grouped[_identity(claim)].append(claim)
    del raw
    result = Resolution()
    for key in sorted(grouped):
        claim = _merge(grouped.pop(key))  # the group's other claims go as soon as they are merged
        claim.key = key
        if claim.kind == "position":
            claim.values["attested"] = {e.doc_id: years[e.doc_id] for e in claim.evidence if e.doc_id in years}
        result.claims[key] = claim
    for key in sorted(resolver.kinds):
        counter = resolver.labels.seen[key]
        preferred_labels = resolver.preferred.get(key, {})
        labels = {}
        for lang in ("zh", "en"):
            label = preferred_labels.get(lang) or _pick_label(counter, lang)
            if label:
                labels[lang] = label
        aliases_seen = sorted({(label, lang, doc) for (label, lang, doc) in counter if labels.get(lang) != label})
        result.entities[key] = Entity(
            kind=resolver.kinds[key], key=key, labels=labels, aliases=aliases_seen,
            year=resolver.years.get(key), vocabulary_iri=resolver.vocab.get(key),
            broader_iri=resolver.broader.get(key), known_names=resolver.alias_names.get(key, []),
        )
    _assign_slugs(result)
    _name_events_by_year(result)
    return result


def _document_years(statements: list[Statement]) -> dict[str, int]:
    """The summit each article reports: the year its statements name most
    often (the later one on a tie). The positions it states are attested then."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for st in statements:
        year = getattr(st, "summit", None)
        if year is not None and st.evidence.extractor != "curated":
            counts[st.evidence.doc_id][year] += 1
    return {doc: max(found.items(), key=lambda kv: (kv[1], kv[0]))[0] for doc, found in counts.items()}


def _name_events_by_year(result: Resolution) -> None:
    """A label that several years' events share (开幕式) names none of them:
    each gets its year in front (2025 开幕式), and keeps the bare name as an
    alias. Runs after the slugs, which carry the year already."""
    sharing: dict[tuple[str, str], list[Entity]] = defaultdict(list)
    for entity in result.entities.values():
        if entity.kind in ("forum", "ceremony"):
            for lang, label in entity.labels.items():
                sharing[(lang, label)].append(entity)
    for (lang, label), events in sorted(sharing.items()):
        if len(events) > 1:
            for entity in events:
                entity.labels[lang] = f"{entity.year} {label}"
                if label not in entity.known_names:
                    entity.known_names.append(label)


def _assign_slugs(result: Resolution) -> None:
    """Readable slugs, unique per kind; clashes get -2, -3 in key order."""
    taken: dict[tuple[str, str], str] = {}
    for key in sorted(result.entities):
        entity = result.entities[key]
        if entity.kind == "summit":
            base = str(entity.year)
        else:
            base = slug(entity.labels.get("en") or entity.labels.get("zh") or key)
            if entity.kind in ("forum", "ceremony"):
                base = f"{entity.year}-{base}"
        candidate, n = base, 1
        while (entity.kind, candidate) in taken:
            n += 1
            candidate = f"{base}-{n}"
        taken[(entity.kind, candidate)] = key
        entity.slug = candidate
