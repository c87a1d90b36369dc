"""Entity resolution: one node per real thing, across documents and languages.

Names from statements become canonical entities keyed by general rules
(suffix-stripping for organisations, pinyin for Chinese names written in
English, the role vocabulary for posts, year for summits) and by the
user-editable alias table in ``ontology/aliases.yaml``. Statements with the
same resolved content merge into one claim carrying every evidence.

Each source (an article, or the curated data) is read into its part
(`_Unit`) once; `ResolutionState` adds the parts up and keeps them, so that a
later build that adds, changes or removes a few sources resolves again only
the entities and claims those sources name. Nothing in the result depends on
the order sources or statements come in.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict

from .curated import AliasTable
from .evaluate import normalise_value
from .iri import slug
from .models import Evidence, Statement

__all__ = ["Entity", "Claim", "Resolution", "ResolutionState", "resolve"]

_ORG_SUFFIX = re.compile(
    r"(?:股份有限公司|有限责任公司|有限公司|集团公司|集团|公司|控股|"
    r",?\s+(?:Group|Inc\.?|Co\.,?\s*Ltd\.?|Corporation|Corp\.?|Limited|Ltd\.?|Holdings|Company))$",
    re.I)
_WIC_PREFIX = re.compile(r"^(?:世界互联网大会|世界互联网|World Internet Conference\s*)")
_EVENT_PREFIX = re.compile(r"^(?:峰会|大会|the\s+)", re.I)
_EVENT_ALIASES = {"开幕式": "opening", "openingceremony": "opening", "闭幕式": "closing", "closingceremony": "closing"}
_CEREMONY_LABELS = {"opening": {"zh": "开幕式", "en": "opening ceremony"},
                    "closing": {"zh": "闭幕式", "en": "closing ceremony"}}
# What makes an event a ceremony, in a normalised name (simplified script, lower case).
_CEREMONY = re.compile(r"式|典礼|仪式|ceremony")
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
    """Keys for names, and what one source's statements say about them (`unit`, the one being read)."""

    def __init__(self, aliases: AliasTable, preferred_overrides: dict[str, dict[str, str]]):
        self.alias_index, self.alias_names = _aliases(aliases)
        self.preferred: dict[str, dict[str, str]] = dict(preferred_overrides)
        self.vocab: dict[str, str] = {}
        self._keys: dict[tuple, str] = {}  # what _key already gave; its side effects are idempotent
        self.unit = _Unit()

    def entity(self, kind: str, name: str, lang: str, doc_id: str, year: int | None = None) -> str:
        key = self.entity_key(kind, name, year)
        if year is not None and kind in ("summit", "forum"):
            self.unit.years[key] = year
        self.unit.labels[(key, name, lang, doc_id)] += 1
        return key

    def event(self, name: str, lang: str, doc_id: str, year: int, ceremony: bool) -> str:
        """An event's key; a ceremony when any statement names it as one, whatever the order they come in."""
        key = self.entity("forum", name, lang, doc_id, year)
        if ceremony:
            self.unit.ceremonies.add(key)
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
            tail = _EVENT_ALIASES.get(_norm(name)) or _norm(name)
            if tail in _CEREMONY_LABELS:  # whichever name it is written with
                self.preferred.setdefault(f"forum:{year}:{tail}", _CEREMONY_LABELS[tail])
            return f"forum:{year}:{tail}"
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
        return f"role:{_norm(name)}"

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


def _pick_label(counter: Counter, lang: str) -> str | None:
    totals = Counter()
    for (label, label_lang, _doc), count in counter.items():
        if label_lang == lang:
            totals[label] += count
    if not totals:
        return None
    return sorted(totals.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0][0]


def _statement_claim(r: _Resolver, st: Statement) -> tuple[str, dict[str, str], dict[str, object]]:
    """(claim kind, entity keys by field, literal values) of one statement."""
    doc, lang = st.evidence.doc_id, st.lang
    ent = lambda kind, name, year=None: r.entity(kind, name, lang, doc, year)  # noqa: E731
    if st.rel == "holds_role":
        organization = ent("organization", st.org)
        fields = {"person": ent("person", st.person), "role": ent("role", r.qualified_role(st.role, organization)),
                  "organization": organization}
        return "position", fields, {"titles": {lang: {st.role: 1}}}
    if st.rel == "speaks_at":
        summit = ent("summit", _SUMMIT_LABEL[lang].format(st.summit), st.summit)
        event = r.event(st.event, lang, doc, st.summit, _CEREMONY.search(_norm(st.event)) is not None)
        return "appearance", {"person": ent("person", st.person), "event": event, "summit": summit}, {}
    if st.rel == "summit_theme":
        summit = ent("summit", _SUMMIT_LABEL[lang].format(st.summit), st.summit)
        return "theme", {"summit": summit}, {"theme": st.theme, "lang": lang}
    if st.rel == "summit_held":
        summit = ent("summit", _SUMMIT_LABEL[lang].format(st.summit), st.summit)
        fields = {"summit": summit}
        if st.place:
            fields["place"] = ent("place", st.place)
        return "schedule", fields, {"start": st.start, "end": st.end}
    if st.rel == "summit_opened":
        summit = ent("summit", _SUMMIT_LABEL[lang].format(st.summit), st.summit)
        # The ceremony is the one the articles' speakers spoke at: one event, whichever source names it.
        ceremony = r.event(_CEREMONY_LABELS["opening"][lang], lang, doc, st.summit, True)
        fields = {"summit": summit, "event": ceremony}
        if st.place:
            fields["place"] = ent("place", st.place)
        return "opening", fields, {"date": st.date}
    if st.rel == "award_project":
        fields = {"award": ent("award", st.award), "project": ent("project", st.project)}
        if st.org:
            fields["organization"] = ent("organization", st.org)
        return "grant", fields, {"year": st.year}
    if st.rel == "publishes":
        fields = {"work": ent("work", st.work)}
        if st.publisher:
            fields["publisher"] = ent("organization", st.publisher)
        return "publication", fields, {"year": st.year}
    raise ValueError(f"unknown relation {st.rel}")


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


class _Raw(NamedTuple):
    """One statement as a claim, its entities as first keyed (before transliterations are linked)."""

    kind: str
    entities: dict[str, str]
    values: dict[str, object]
    evidence: Evidence
    first: str  # where the statement sorts among all (a theme's: the first one's wording is kept), else ""


def _identity(kind: str, entities: dict[str, str], values: dict[str, object]) -> str:
    parts = [kind]
    for name in _IDENTITY[kind]:
        value = entities.get(name, values.get(name))
        parts.append(_norm(value) if name == "theme" else str(value))
    return "|".join(parts)


@dataclass
class _Unit:
    """What one source's statements (an article's, or the curated data's) give resolution."""

    claims: dict[str, list[_Raw]] = field(default_factory=dict)  # identity before links -> the source's claims
    labels: Counter = field(default_factory=Counter)  # (key, label, lang, doc) -> times written
    ceremonies: set[str] = field(default_factory=set)  # event keys a statement names as a ceremony
    years: dict[str, int] = field(default_factory=dict)  # summit and event keys -> year
    doc_years: dict[str, int] = field(default_factory=dict)  # the summit the source's article reports


class ResolutionState:
    """Resolution kept between builds: every source's part (`_Unit`), what they add up to, and the
    entities and claims resolved from them. `update` takes sources out and puts sources in, and
    resolves again only the entities and claims those sources name, with what their changes reach
    (a transliteration linked or unlinked, a slug that clashes). The result is the same whatever
    order sources come and go in: `resolve` is one `update` that puts every source in."""

    def __init__(self, aliases: AliasTable, preferred: dict[str, dict[str, str]] | None = None) -> None:
        self._resolver = _Resolver(aliases, preferred or {})
        self.units: dict[str, _Unit] = {}
        self.seen: dict[str, Counter] = {}  # key -> (label, lang, doc) -> times written, over all sources
        self.holders: dict[str, set[str]] = {}  # key -> the sources naming it
        self.ceremonies: Counter = Counter()  # event key -> the sources naming it as a ceremony
        self.years: dict[str, int] = {}
        self.doc_years: dict[str, int] = {}
        self.forms: dict[str, tuple[frozenset, frozenset]] = {}  # person -> pinyin of its Chinese names, Latin names
        self.redirect: dict[str, str] = {}  # English spelling's key -> the Chinese name's
        self.members: dict[str, set[tuple[str, str]]] = {}  # claim identity -> (source, identity before links)
        self.cited: dict[str, set[tuple[str, str]]] = {}  # document -> claims of other sources citing it
        self.entities: dict[str, Entity] = {}  # as resolved, before events are named by year
        self.claims: dict[str, Claim] = {}
        self.bases: dict[str, tuple[str, str]] = {}  # entity key -> (kind, slug before numbering)
        # entity key -> (the entity, the copy `resolution` last handed out): the same copy while both
        # the entity and its slug are (events get new ones: naming them by year changes their labels)
        self._handed: dict[str, tuple[Entity, Entity]] = {}

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        resolver = state.pop("_resolver")  # the alias table's index is made again from the table
        del state["_handed"]  # copies of the entities: made again
        state["_keyed"] = (resolver.preferred, resolver.vocab)
        return state

    def __setstate__(self, state: dict) -> None:
        self._keyed = state.pop("_keyed")
        self.__dict__.update(state)
        self._handed = {}

    def attach(self, aliases: AliasTable, keyed: tuple | None = None) -> "ResolutionState":
        """After unpickling: the alias table it was resolved with (the caller checks it is the same),
        and what keying names found since it was pickled (`keyed()` then)."""
        self._resolver = _Resolver(aliases, {})
        self._resolver.preferred, self._resolver.vocab = self.__dict__.pop("_keyed")
        for known, more in zip(self.keyed(), keyed or ({}, {})):
            known.update(more)
        return self

    def keyed(self) -> tuple[dict, dict]:
        """What keying names found out beside the keys (preferred labels, vocabulary concepts), each a
        function of its key alone: a later build's sources need it for keys that build did not key."""
        return self._resolver.preferred, self._resolver.vocab

    def unit(self, statements: list[Statement]) -> _Unit:
        """One source's part: its statements keyed and made claims."""
        unit = self._resolver.unit = _Unit()
        for st in statements:
            kind, entities, values = _statement_claim(self._resolver, st)
            raw = _Raw(kind, entities, values, st.evidence, st.model_dump_json() if kind == "theme" else "")
            unit.claims.setdefault(_identity(kind, entities, values), []).append(raw)
        unit.doc_years = _document_years(statements)
        self._resolver.unit = _Unit()
        return unit

    def update(self, removed: list[str], added: dict[str, _Unit]) -> Resolution:
        """Take the sources `removed` out and put the sources `added` in (one already in is replaced);
        the resolution of every source now in."""
        self.change(removed, added)
        return self.resolution()

    def change(self, removed: list[str], added: dict[str, _Unit]) -> None:
        """`update` without making the resolution (a change a later build replays)."""
        keys: set[str] = set()  # entities to resolve again
        claims: set[str] = set()  # claim identities to merge again
        docs: set[str] = set()  # documents whose year may have changed
        for name in sorted(set(removed) | (added.keys() & self.units.keys())):
            self._take_out(name, keys, claims, docs)
        for name, unit in added.items():
            self._put_in(name, unit, keys, docs)
        for key in keys:
            if key.startswith("person:"):
                if key in self.seen:
                    self.forms[key] = _name_forms(self.seen[key])
                else:
                    self.forms.pop(key, None)
        before, self.redirect = self.redirect, self._links()
        moved = {key for key in before.keys() | self.redirect.keys() if before.get(key) != self.redirect.get(key)}
        for key in moved:
            keys.update(k for k in (key, before.get(key), self.redirect.get(key)) if k is not None)
            for name in self.holders.get(key, ()):
                if name not in added:
                    self._relink(name, key, before, claims)
        for name, unit in added.items():
            for pre, raws in unit.claims.items():
                identity = self._linked(pre, raws[0], self.redirect)
                self.members.setdefault(identity, set()).add((name, pre))
                claims.add(identity)
        # A claim of another source citing a document (the curated data's) is attested in its year.
        claims.update(self._linked(pre, self.units[name].claims[pre][0], self.redirect)
                      for doc in docs for name, pre in self.cited.get(doc, ()))
        keys.update([self.redirect[key] for key in keys if key in self.redirect])
        self._resolve_entities(keys)
        for identity in claims:
            found = self.members.get(identity)
            if found:
                self.claims[identity] = self._merge(identity, [raw for name, pre in sorted(found)
                                                               for raw in self.units[name].claims[pre]])
            else:
                self.claims.pop(identity, None)

    def resolution(self) -> Resolution:
        """The entities and claims of every source now in, with slugs, and events named by year."""
        slugs = self._slugs()
        result = Resolution()
        result.claims = {key: self.claims[key] for key in sorted(self.claims)}
        handed = {}
        for key in sorted(self.entities):  # copies: events are named by year below, the kept ones stay as resolved
            entity = self.entities[key]
            kept, copy = self._handed.get(key, (None, None))
            if kept is not entity or copy.slug != slugs[key] or entity.kind in ("forum", "ceremony"):
                copy = entity.model_copy(update={
                    "slug": slugs[key], "labels": dict(entity.labels), "known_names": list(entity.known_names)})
            result.entities[key] = copy
            handed[key] = (entity, copy)
        self._handed = handed
        _name_events_by_year(result)
        return result

    def _take_out(self, name: str, keys: set[str], claims: set[str], docs: set[str]) -> None:
        unit = self.units.pop(name, None)
        if unit is None:
            return
        for pre, raws in unit.claims.items():
            identity = self._linked(pre, raws[0], self.redirect)
            _discard(self.members, identity, (name, pre))
            claims.add(identity)
            for doc in {raw.evidence.doc_id for raw in raws} - {name}:
                _discard(self.cited, doc, (name, pre))
        for (key, label, lang, doc), count in unit.labels.items():
            seen = self.seen[key]
            seen[(label, lang, doc)] -= count
            if seen[(label, lang, doc)] <= 0:
                del seen[(label, lang, doc)]
            keys.add(key)
        for key in {key for key, _, _, _ in unit.labels}:
            holders = self.holders[key]
            holders.discard(name)
            if not holders:
                del self.holders[key], self.seen[key]
                self.years.pop(key, None)
        for key in unit.ceremonies:
            self.ceremonies[key] -= 1
            if not self.ceremonies[key]:
                del self.ceremonies[key]
        for doc in unit.doc_years:
            del self.doc_years[doc]
        docs.update(unit.doc_years)

    def _put_in(self, name: str, unit: _Unit, keys: set[str], docs: set[str]) -> None:
        self.units[name] = unit
        for pre, raws in unit.claims.items():
            for doc in {raw.evidence.doc_id for raw in raws} - {name}:
                self.cited.setdefault(doc, set()).add((name, pre))
        for (key, label, lang, doc), count in unit.labels.items():
            self.seen.setdefault(key, Counter())[(label, lang, doc)] += count
            self.holders.setdefault(key, set()).add(name)
            keys.add(key)
        self.ceremonies.update(unit.ceremonies)
        self.years.update(unit.years)
        self.doc_years.update(unit.doc_years)
        docs.update(unit.doc_years)

    def _relink(self, name: str, key: str, before: dict[str, str], claims: set[str]) -> None:
        """A source's claims naming `key`, whose link to a Chinese name changed: under their new identity."""
        for pre, raws in self.units[name].claims.items():
            if key in raws[0].entities.values():
                old, new = self._linked(pre, raws[0], before), self._linked(pre, raws[0], self.redirect)
                if old != new:
                    _discard(self.members, old, (name, pre))
                    self.members.setdefault(new, set()).add((name, pre))
                    claims.update((old, new))

    @staticmethod
    def _linked(pre: str, raw: _Raw, redirect: dict[str, str]) -> str:
        """A claim's identity once English spellings are linked to Chinese names."""
        if not any(key in redirect for key in raw.entities.values()):
            return pre
        return _identity(raw.kind, {k: redirect.get(v, v) for k, v in raw.entities.items()}, raw.values)

    def _links(self) -> dict[str, str]:
        """English spellings of Chinese names (Zhang San ≡ 张三) → the Chinese name's key; where two
        Chinese names read the same in pinyin, the one whose key sorts first."""
        chinese: dict[str, str] = {}
        for key in sorted(self.forms):
            for form in self.forms[key][0]:
                chinese.setdefault(form, key)
        has_chinese_name = set(chinese.values())
        links = {}
        for key, (_, latin) in self.forms.items():
            if key not in has_chinese_name:
                target = next((chinese[form] for form in sorted(latin) if form in chinese), None)
                if target:
                    links[key] = target
        return links

    def _resolve_entities(self, keys: set[str]) -> None:
        sources: dict[str, list[str]] = defaultdict(list)
        for old, new in self.redirect.items():
            if new in keys:
                sources[new].append(old)
        r = self._resolver
        for key in keys:
            if key not in self.seen or key in self.redirect:
                self.entities.pop(key, None)
                self.bases.pop(key, None)
                continue
            counter = Counter(self.seen[key])
            for old in sources.get(key, ()):
                counter.update(self.seen[old])
            preferred_labels = r.preferred.get(key, {})
            labels = {}
            for lang in ("zh", "en"):
                label = preferred_labels.get(lang) or _pick_label(counter, lang)
                if label:
                    labels[lang] = label
            aliases_seen = sorted({(label, lang, doc) for (label, lang, doc) in counter if labels.get(lang) != label})
            kind = "ceremony" if key in self.ceremonies else key.split(":", 1)[0]
            entity = self.entities[key] = Entity(
                kind=kind, key=key, labels=labels, aliases=aliases_seen, year=self.years.get(key),
                vocabulary_iri=r.vocab.get(key),
                broader_iri=_broader(counter) if kind == "role" and key not in r.vocab else None,
                known_names=r.alias_names.get(key, []),
            )
            self.bases[key] = (kind, _slug_base(entity))

    def _merge(self, identity: str, raws: list[_Raw]) -> Claim:
        """One claim from a group with the same identity: fields outside the identity as most sources
        give them, a position's title per language as most write it, every evidence."""
        first = min(raws, key=lambda raw: raw.first)  # the first statement sorted; all alike but a theme's wording
        merged = Claim.model_construct(kind=first.kind, key=identity, values=dict(first.values), evidence=[],
                                       entities={k: self.redirect.get(v, v) for k, v in first.entities.items()})
        for name in ("organization", "publisher", "place"):
            options = Counter(self.redirect.get(raw.entities[name], raw.entities[name])
                              for raw in raws if name in raw.entities)
            if options and _IDENTITY[merged.kind].count(name) == 0:
                merged.entities[name] = sorted(options.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        merged.evidence = sorted({raw.evidence for raw in raws},
                                 key=lambda e: (e.doc_id, e.start or -1, e.end or -1, e.extractor))
        if merged.kind == "position":
            # The vocabulary unifies synonyms; the title as most sources write it is kept per language.
            counts: dict[str, Counter] = defaultdict(Counter)
            for raw in raws:
                for lang, titles in raw.values["titles"].items():
                    counts[lang].update(titles)
            merged.values["titles"] = {lang: sorted(c.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0][0]
                                       for lang, c in sorted(counts.items())}
            merged.values["attested"] = {e.doc_id: self.doc_years[e.doc_id] for e in merged.evidence
                                         if e.doc_id in self.doc_years}
        return merged

    def _slugs(self) -> dict[str, str]:
        """Readable slugs, unique per kind; clashes get -2, -3 in key order."""
        taken: set[tuple[str, str]] = set()
        slugs = {}
        for key in sorted(self.entities):
            kind, base = self.bases[key]
            candidate, n = base, 1
            while (kind, candidate) in taken:
                n += 1
                candidate = f"{base}-{n}"
            taken.add((kind, candidate))
            slugs[key] = candidate
        return slugs


def _discard(index: dict[str, set], key: str, item: tuple) -> None:
    """`item` out of `index[key]`, and the key out when nothing is left under it."""
    found = index[key]
    found.discard(item)
    if not found:
        del index[key]


def _name_forms(counter: Counter) -> tuple[frozenset, frozenset]:
    """A person's names as transliterations are matched: the pinyin forms of its Chinese names, and its
    English names in lower-case letters only."""
    chinese = frozenset().union(*(_pinyin_forms(label) for (label, lang, _) in counter
                                  if lang == "zh" and chinese_name(label)))
    latin = frozenset(re.sub(r"[^a-z]", "", label.lower()) for (label, lang, _) in counter if lang == "en")
    return chinese, latin


def _broader(counter: Counter) -> str | None:
    """A composed post (全球资深副总裁) is narrower than the longest known post its names end with
    (资深副总裁); of several, the longest, then the concept that sorts first."""
    vocabulary, found = _role_vocabulary(), []
    for name in {label for label, _, _ in counter}:
        for length in range(len(name) - 1, 1, -1):
            tail = vocabulary.get(name[-length:].lower())
            if tail:
                found.append((-length, tail[0]))
                break
    return min(found)[1] if found else None


def _slug_base(entity: Entity) -> str:
    if entity.kind == "summit":
        return str(entity.year)
    base = slug(entity.labels.get("en") or entity.labels.get("zh") or entity.key)
    return f"{entity.year}-{base}" if entity.kind in ("forum", "ceremony") else base


def _source(st: Statement) -> str:
    """The source a statement belongs to: its article, or the curated data for a curator's facts."""
    return CURATED_SOURCE if st.evidence.extractor == "curated" else st.evidence.doc_id


CURATED_SOURCE = "\0curated"  # no file is named so


def resolve(statements: list[Statement], aliases: AliasTable,
            preferred: dict[str, dict[str, str]] | None = None) -> Resolution:
    """Resolve names to entities and merge statements into claims.

    The result does not depend on the order of `statements`.
    """
    state = ResolutionState(aliases, preferred)
    by_source: dict[str, list[Statement]] = defaultdict(list)
    for st in statements:
        by_source[_source(st)].append(st)
    return state.update([], {name: state.unit(found) for name, found in sorted(by_source.items())})


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
