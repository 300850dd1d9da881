# SPDX-License-Identifier: EUPL-1.2
"""Static reference tables: nationalities with languages and feature odds, and IND locations.

Nationality shares are a plausible mix for 2019-2020 (DOMAIN.md §5 lists the main countries; the
exact shares are L). Language codes are ISO 639-1 where one exists, else ISO 639-3 (``prs`` Dari,
``kmr`` Kurmanji, ``ckb`` Sorani, ``rif`` Tarifit, ``pcm`` Nigerian Pidgin).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Nationality:
    """One country of origin: its share in the mix, hearing languages and feature odds."""

    code: str  # ISO 3166-1 alpha-3
    share: float  # relative weight in the track 1 / track 4 mix
    languages: tuple[tuple[str, float], ...]  # (language code, share)
    conversion: float = 0.02  # probability of a conversion claim
    lgbti: float = 0.05  # probability of an LGBTI claim
    exclusion_1f: float = 0.003  # probability of a 1F exclusion check
    safe_country_share: float = 0.0  # relative weight in the track 2 (safe country) mix


# The twelve main nationalities of DOMAIN.md §5 first, then a few others. Conversion claims were
# frequent among Iranians and Afghans, LGBTI claims among applicants from countries that
# criminalise it; 1F checks among nationals of countries with (former) regimes or armed groups.
NATIONALITIES: tuple[Nationality, ...] = (
    Nationality("SYR", 0.16, (("ar", 0.85), ("kmr", 0.15)), 0.03, 0.04, 0.02),
    Nationality("ERI", 0.08, (("ti", 1.0),), 0.06, 0.04, 0.01),
    Nationality("TUR", 0.12, (("tr", 0.75), ("kmr", 0.25)), 0.03, 0.08, 0.01),
    Nationality("IRN", 0.10, (("fa", 0.92), ("ckb", 0.08)), 0.50, 0.12, 0.02),
    Nationality("AFG", 0.08, (("prs", 0.65), ("ps", 0.35)), 0.30, 0.05, 0.05),
    Nationality("DZA", 0.05, (("ar", 0.90), ("fr", 0.10)), 0.03, 0.16, 0.003, 0.30),
    Nationality("MAR", 0.05, (("ar", 0.80), ("rif", 0.20)), 0.03, 0.16, 0.003, 0.30),
    Nationality("IRQ", 0.07, (("ar", 0.60), ("ckb", 0.40)), 0.10, 0.08, 0.04),
    Nationality("NGA", 0.06, (("en", 0.90), ("pcm", 0.10)), 0.03, 0.20, 0.003),
    Nationality("YEM", 0.05, (("ar", 1.0),), 0.03, 0.08, 0.01),
    Nationality("GEO", 0.02, (("ka", 0.90), ("ru", 0.10)), 0.01, 0.06, 0.003, 0.15),
    Nationality("ALB", 0.02, (("sq", 1.0),), 0.01, 0.08, 0.003, 0.10),
    Nationality("SOM", 0.02, (("so", 1.0),), 0.03, 0.06, 0.01),
    Nationality("PAK", 0.02, (("ur", 1.0),), 0.08, 0.10, 0.003),
    Nationality("SDN", 0.02, (("ar", 1.0),), 0.03, 0.06, 0.02),
    Nationality("LBY", 0.015, (("ar", 1.0),), 0.03, 0.08, 0.02),
    Nationality("GIN", 0.015, (("fr", 0.60), ("ff", 0.40)), 0.02, 0.12, 0.003),
    Nationality("EGY", 0.01, (("ar", 1.0),), 0.06, 0.16, 0.003),
    Nationality("ETH", 0.01, (("am", 1.0),), 0.04, 0.06, 0.01),
    Nationality("PSE", 0.02, (("ar", 1.0),), 0.02, 0.06, 0.01),
    Nationality("COL", 0.01, (("es", 1.0),), 0.01, 0.08, 0.003),
    Nationality("TUN", 0.0, (("ar", 1.0),), 0.02, 0.14, 0.003, 0.10),
    Nationality("MNG", 0.0, (("mn", 1.0),), 0.01, 0.05, 0.003, 0.05),
)

MAIN_NATIONALITIES: tuple[str, ...] = tuple(n.code for n in NATIONALITIES[:12])


@dataclass(frozen=True, slots=True)
class Location:
    """An IND location with hearing rooms (DOMAIN.md §5, L)."""

    code: str
    name: str
    case_share: float  # share of cases heard here
    hearing_rooms: int
    child_friendly_rooms: int


LOCATIONS: tuple[Location, ...] = (
    Location("TAP", "Ter Apel", 0.32, 40, 0),
    Location("ZVN", "Zevenaar", 0.16, 20, 0),
    Location("DBS", "Den Bosch", 0.15, 20, 6),  # child hearing rooms, DOMAIN.md §5
    Location("SPL", "Schiphol", 0.05, 10, 0),
    Location("BDL", "Budel", 0.16, 16, 0),
    Location("RSW", "Rijswijk", 0.16, 16, 0),
)
CHILD_LOCATION = "DBS"
AMV_AT_CHILD_LOCATION = 0.80  # unaccompanied minors are mostly heard in Den Bosch (L)

# Related languages an interpreter may also speak (second language of a multilingual one).
SECOND_LANGUAGES: dict[str, tuple[str, ...]] = {
    "ar": ("fr", "en"),
    "fa": ("prs",),
    "prs": ("fa", "ps"),
    "ps": ("prs", "ur"),
    "kmr": ("tr", "ar"),
    "ckb": ("ar", "fa"),
    "tr": ("kmr",),
    "ti": ("am", "ar"),
    "am": ("ti",),
    "ka": ("ru",),
    "ru": ("ka",),
    "fr": ("ar", "ff"),
    "ff": ("fr",),
    "rif": ("ar",),
    "en": ("pcm",),
    "pcm": ("en",),
    "so": ("ar",),
    "ur": ("ps",),
}

FIRST_NAMES: tuple[str, ...] = (
    "Anna", "Bas", "Carla", "Daan", "Eva", "Fatima", "Gert", "Hanna", "Ivo", "Jasmijn",
    "Kees", "Lotte", "Mehmet", "Nadia", "Olaf", "Petra", "Quinten", "Rachid", "Sanne", "Thijs",
    "Umut", "Vera", "Wouter", "Xander", "Yara", "Zoë", "Bram", "Ilse", "Joost", "Mirjam",
)  # fmt: skip
LAST_NAMES: tuple[str, ...] = (
    "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser",
    "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks",
    "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer",
    "Kaya", "Yilmaz", "El Amrani", "Bouzid", "Hoekstra",
)  # fmt: skip
