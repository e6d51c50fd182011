"""The demo centre's quality scorecard, and the criteria scores its evaluations carry.

A centre's first review needs a grid to score with: without one, the supervisor's "Score this
case" opens on an empty choice and the demo's evaluations show no criteria. So the seed writes
one scorecard, the kind a French contact centre starts from, and scores every evaluation it
makes on it, each criterion near the evaluation's overall estimate.
"""

import json
import random
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.backoffice.evaluations import quality_score
from app.backoffice.scorecards import Criterion
from app.ids import new_id
from app.models import Scorecard, ScorecardVersion
from app.seed.batches import _bulk

NAME = "Grille qualité standard"
CRITERIA = (
    Criterion("accueil", "Accueil et prise en charge", 1.0),
    Criterion("ecoute", "Écoute et reformulation de la demande", 1.0),
    Criterion("solution", "Justesse de la réponse apportée", 2.0),
    Criterion("conformite", "Conformité (identification, mentions obligatoires)", 1.5),
    Criterion("conclusion", "Conclusion et suite donnée", 1.0),
)


@dataclass
class Scores:
    """Scores evaluations on the demo scorecard; its own random numbers, so that the rest of
    the seeded data is the same with or without it."""

    version_id: str  # hexadecimal, as the seed's rows hold ids
    rng: random.Random

    def of(self, overall: int) -> tuple[str, float]:
        """The criteria scores (as the row stores them, JSON text) and the quality score of an
        evaluation whose overall estimate is ``overall``."""
        scores = {
            c.key: min(4, max(1, overall + self.rng.choice((-1, 0, 0, 0, 1)))) for c in CRITERIA
        }
        return json.dumps(scores), quality_score(CRITERIA, scores)


def seed_scorecard(session: Session, author: uuid.UUID | None) -> Scores:
    """The demo scorecard's current version, written when no scorecard of its name exists (a
    second seed reuses it)."""
    version = session.scalar(
        select(ScorecardVersion.id)
        .join(Scorecard, Scorecard.id == ScorecardVersion.scorecard_id)
        .where(Scorecard.name == NAME, ScorecardVersion.version == Scorecard.current_version)
    )
    if version is None:
        card, version = new_id(), new_id()
        _bulk(session, Scorecard, [{"id": card, "name": NAME, "current_version": 1}])
        criteria = [{"key": c.key, "label": c.label, "weight": c.weight} for c in CRITERIA]
        _bulk(
            session,
            ScorecardVersion,
            [
                {
                    "id": version,
                    "scorecard_id": card,
                    "version": 1,
                    "criteria": criteria,
                    "author_id": author,
                }
            ],
        )
    return Scores(version.hex, random.Random(7))
