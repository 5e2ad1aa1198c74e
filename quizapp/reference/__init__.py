"""The bundled reference list (``reference.yaml``: plain facts about countries, cities, organizations and
people), loaded once. Fact extraction asks it what a name is ("Soviet Union" is a country, whatever the small
model's label says); question generation (``questions/classify.py``) builds its lookups on it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

import yaml


@dataclass(frozen=True)
class Person:
    """A person of the bundled list: what they are, for whom, and until when."""

    role: str
    country: str | None = None
    died: int | None = None


@dataclass(frozen=True)
class Reference:
    """The bundled lists, indexed for lookups."""

    country_region: dict[str, str]  # country -> sub-region ("central america and the caribbean")
    region_continent: dict[str, str]  # sub-region -> continent
    demonyms: dict[str, tuple[str, ...]]  # country -> adjectives ("Cuban")
    city_country: dict[str, str]
    capitals: frozenset[str]
    regions: tuple[str, ...]
    facilities: dict[str, dict[str, str | None]]  # head noun -> name -> country
    org_category: dict[str, str]
    orgs_by_category: dict[str, tuple[str, ...]]
    people: dict[str, Person]
    country_since: dict[str, int]  # country -> year it became independent in its current form (after 1900)
    country_until: dict[str, int]  # a former state -> the year it ceased to exist
    country_aliases: dict[str, str]  # another name a country goes by ("U.S.", "Britain") -> the country
    major_cities: dict[str, tuple[str, ...]]  # country -> its major cities

    @property
    def person_role(self) -> dict[str, str]:
        return {name: p.role for name, p in self.people.items()}


@functools.cache
def reference() -> Reference:
    text = resources.files("quizapp.reference").joinpath("reference.yaml").read_text(encoding="utf-8")
    # The C loader when PyYAML has it: ten times quicker, and every generating process reads this list.
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    country_region = {c: region for region, names in data["countries"].items() for c in names}
    region_continent = {r: cont for cont, regions in data["continents"].items() for r in regions}
    major_cities = {c: tuple(names) for c, names in data["major_cities"].items()}
    city_country = {
        **{city: c for c, names in major_cities.items() for city in names},
        **data["cities"],
        **data["capitals"],
    }
    org_category = {o: cat for cat, names in data["organizations"].items() for o in names}
    people = {
        name: Person(role, (info or {}).get("country"), (info or {}).get("died"))
        for role, names in data["people"].items()
        for name, info in names.items()
    }
    return Reference(
        country_region=country_region,
        region_continent=region_continent,
        demonyms={c: tuple(d) for c, d in data["demonyms"].items()},
        city_country=city_country,
        capitals=frozenset(data["capitals"]),
        regions=tuple(data["regions"]),
        facilities={head: dict(names) for head, names in data["facilities"].items()},
        org_category=org_category,
        orgs_by_category={k: tuple(v) for k, v in data["organizations"].items()},
        people=people,
        country_since={c: int(y) for c, y in data["country_since"].items()},
        country_until={c: int(y) for c, y in data["country_until"].items()},
        country_aliases={str(a): c for a, c in data["country_aliases"].items()},
        major_cities=major_cities,
    )


@functools.lru_cache(maxsize=8192)
def _key(text: str) -> str:
    return re.sub(r"[^\w]+", " ", text.casefold()).strip()


def country_named(name: str) -> str | None:
    """The bundled country a name is, by its name or another it goes by ("U.S." -> United States)."""
    key = _key(name)
    return _country_by_key().get(key)


@functools.cache
def _country_by_key() -> dict[str, str]:
    ref = reference()
    return {_key(a): c for a, c in ref.country_aliases.items()} | {_key(c): c for c in ref.country_region}
