# SPDX-License-Identifier: EUPL-1.2
"""Dossier items each case needs before its hearing, derived from its features."""

from __future__ import annotations

import numpy as np

from verkeerstoren.glossary import DossierItemKind, Feature, Status
from verkeerstoren.synth.cases import STATUS_INDEX, Bools, Cases, F
from verkeerstoren.synth.dates import NAT, Days
from verkeerstoren.synth.tables import Table

# Which feature calls for which item; identity documents and the medical advice (can the
# applicant be heard, DOMAIN.md §2) are needed for every case.
ITEM_FOR_FEATURE: dict[DossierItemKind, Feature | None] = {
    DossierItemKind.IDENTITY_DOCUMENTS: None,
    DossierItemKind.MEDICAL_ADVICE: None,
    DossierItemKind.AGE_ASSESSMENT: Feature.AGE_ASSESSMENT,
    DossierItemKind.LANGUAGE_ANALYSIS: Feature.LANGUAGE_ANALYSIS,
    DossierItemKind.DOCUMENT_EXAMINATION: Feature.DOCUMENT_EXAMINATION,
    DossierItemKind.DUBLIN_CLAIM: Feature.DUBLIN,
    DossierItemKind.GUARDIAN: Feature.AMV,
    DossierItemKind.TRAFFICKING_CHECK: Feature.TRAFFICKING,
    DossierItemKind.FAMILY_LINK: Feature.FAMILY,
}

# Probability an item is done, by how far the case is: the back office was meant to complete
# dossiers before the hearing (DOMAIN.md §1.2) but in 2020 often had not (L).
DONE_REGISTERED = 0.20
DONE_PREPARING = 0.55
DONE_READY = 0.95


def dossier_table(
    rng: np.random.Generator, cases: Cases, refs: list[str], dates: Days, as_of: np.datetime64
) -> Table:
    """dossier_items.csv: one row per needed item, done or open, with the date it was done."""
    status = cases.status
    p_done = np.where(status >= STATUS_INDEX[Status.READY_FOR_HEARING], DONE_READY, DONE_PREPARING)
    p_done = np.where(status == STATUS_INDEX[Status.REGISTERED], DONE_REGISTERED, p_done)
    p_done = np.where(cases.is_open, p_done, 1.0)
    # Items are done before the case is ready for its hearing, if it got that far.
    ready = dates[:, STATUS_INDEX[Status.READY_FOR_HEARING]]
    end = np.where(np.isnat(ready), np.where(cases.is_open, as_of, cases.decided), ready)
    span = (end - cases.start).astype(np.int64)

    cols: tuple[list[str], list[str], list[str], list[str]] = ([], [], [], [])
    idx_parts, kind_parts, done_parts, date_parts = [], [], [], []
    for kind, feature in ITEM_FOR_FEATURE.items():
        needed: Bools = (
            np.ones(len(cases), dtype=np.bool_)
            if feature is None
            else cases.features[:, F[feature]]
        )
        idx = np.nonzero(needed)[0]
        done = rng.random(len(idx)) < p_done[idx]
        offset = np.floor(rng.random(len(idx)) * (span[idx] + 1)).astype(np.int64)
        done_date = np.where(done, cases.start[idx] + offset.astype("timedelta64[D]"), NAT)
        idx_parts.append(idx)
        kind_parts.append(np.full(len(idx), str(kind)))
        done_parts.append(done)
        date_parts.append(done_date)
    idx_all = np.concatenate(idx_parts)
    order = np.argsort(idx_all, kind="stable")  # group rows by case, items in glossary order
    idx_all = idx_all[order]
    done_all = np.concatenate(done_parts)[order]
    date_all = np.concatenate(date_parts)[order]
    cols[0].extend(np.asarray(refs)[idx_all].tolist())
    cols[1].extend(np.concatenate(kind_parts)[order].tolist())
    cols[2].extend(np.where(done_all, "true", "false").tolist())
    text = np.datetime_as_string(date_all, unit="D")
    cols[3].extend(np.where(np.isnat(date_all), "", text).tolist())
    return Table("dossier_items", ("case", "kind", "done", "done_date"), cols)
