"""holds_role: who holds which post in which organisation."""

from __future__ import annotations

from ..models import HoldsRole
from . import evidence_for
from .context import DocContext
from .people import titled_people


def extract(ctx: DocContext) -> list[HoldsRole]:
    found = []
    for sentence in ctx.sentences:
        for person in titled_people(ctx, ctx.text(sentence)):
            for title in person.titles:
                found.append(HoldsRole(
                    lang=ctx.doc.language, person=person.name, role=title.role, org=title.org,
                    evidence=evidence_for(ctx, sentence, "holds_role.pattern", person.confidence),
                ))
    return found
