"""Coordinates for the regional map, written down by hand: nothing is downloaded at run time.

Every value is latitude/longitude in decimal degrees, rounded to 0.01 degree (about 1 km), with
its source. Capitals and towns are the public gazetteer values of GeoNames (geonames.org, CC BY
4.0) for the named place; dam sites are the coordinates published for the structure. None of
this comes from the article, which names places but gives no coordinates.

Routes are *schematic*: the article says only where a line or road runs from and to
("from Kyrgyzstan and Tajikistan to Afghanistan and Pakistan"); we join the places it names in
that order with straight segments. They are not surveyed alignments.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["CAPITALS", "PLACES", "PROJECT_GEOMETRY", "Place", "ProjectGeometry"]

GEONAMES = "GeoNames gazetteer value for the capital (geonames.org, CC BY 4.0)"
GEONAMES_TOWN = "GeoNames gazetteer value for the town (geonames.org, CC BY 4.0)"


class Place(NamedTuple):
    name: str
    lat: float
    lon: float
    source: str
    #: where the label goes, in degrees from the point (a leader line joins them when far)
    label_dx: float = 0.6
    label_dy: float = 0.6


#: state (actor id or lower-case name) -> its capital
CAPITALS: dict[str, Place] = {
    "pakistan": Place("Islamabad", 33.72, 73.04, GEONAMES, 3.2, -2.6),
    "russia": Place("Moscow", 55.75, 37.62, GEONAMES),
    "afghanistan": Place("Kabul", 34.53, 69.17, GEONAMES, -1.2, 1.9),
    "tajikistan": Place("Dushanbe", 38.54, 68.78, GEONAMES, -1.3, 0.4),
    "kyrgyzstan": Place("Bishkek", 42.87, 74.59, GEONAMES, 0.9, 0.9),
    "iran": Place("Tehran", 35.69, 51.42, GEONAMES, 0.0, 1.2),
    "india": Place("New Delhi", 28.64, 77.22, GEONAMES, 0.6, -1.4),
    "united-states": Place("Washington, D.C.", 38.90, -77.04, GEONAMES),
    "china": Place("Beijing", 39.91, 116.40, GEONAMES),
    "uzbekistan": Place("Tashkent", 41.26, 69.22, GEONAMES, 0.8, 0.7),
    "turkmenistan": Place("Ashgabat", 37.95, 58.38, GEONAMES, 0.6, 0.8),
}
_ALIASES = {"united states": "united-states", "usa": "united-states", "us": "united-states",
            "america": "united-states", "russian federation": "russia"}

#: other places the projects touch
PLACES: dict[str, Place] = {
    "karachi": Place("Karachi", 24.86, 67.01,
                     GEONAMES_TOWN + "; Pakistan Steel Mills lies at Bin Qasim, east of the "
                     "city centre", -5.0, -1.3),
    "jamshoro": Place("Jamshoro", 25.43, 68.28, GEONAMES_TOWN, 2.6, -2.4),
    "tarbela": Place("Tarbela Dam", 34.09, 72.70,
                     "published coordinates of the Tarbela Dam (34°05′N 72°41′E)", 3.6, 0.9),
    "keyal-khwar": Place("Keyal Khwar (Kohistan)", 35.03, 73.04,
                         "approximate: Pattan, Kohistan district, near the Keyal Khwar stream "
                         "(GeoNames value for Pattan); the article gives no site", 3.2, 2.4),
    "peshawar": Place("Peshawar", 34.01, 71.58, GEONAMES_TOWN),
    "asaluyeh": Place("Asaluyeh (South Pars)", 27.48, 52.61,
                      GEONAMES_TOWN + "; the gas field end of the Iran-Pakistan pipeline as the "
                      "project was publicly described, not in the article"),
    "gwadar": Place("Gwadar", 25.12, 62.33, GEONAMES_TOWN),
    "nawabshah": Place("Nawabshah", 26.24, 68.41,
                       GEONAMES_TOWN + "; the Pakistani end of the pipeline as the project was "
                       "publicly described, not in the article"),
}


class ProjectGeometry(NamedTuple):
    key: str
    label: str
    kind: str  # "route" or "site"
    points: tuple[str, ...]  # capital keys (state ids) or PLACES keys, in order
    match: tuple[tuple[str, ...], ...]  # a project matches if all words of one tuple occur
    style: str  # a key of regional.ROUTE_STYLE / SITE_STYLE
    note: str


#: how each project the article names is drawn; matched on the project's id and name
PROJECT_GEOMETRY: tuple[ProjectGeometry, ...] = (
    ProjectGeometry("casa-1000", "CASA-1000 power line", "route",
                    ("kyrgyzstan", "tajikistan", "afghanistan", "peshawar"),
                    (("casa",),), "electricity",
                    "schematic: Bishkek, Dushanbe, Kabul, Peshawar in the order the article "
                    "names the countries (¶10)"),
    ProjectGeometry("ip-pipeline", "Iran–Pakistan gas pipeline", "route",
                    ("asaluyeh", "gwadar", "nawabshah"),
                    (("iran", "pakistan", "pipeline"), ("ip", "pipeline")), "gas",
                    "schematic: from the South Pars field to Sindh along the coast; the "
                    "article gives no route"),
    ProjectGeometry("tajikistan-rail-road", "Rail and road, Tajikistan–Pakistan", "route",
                    ("tajikistan", "pakistan"),
                    (("tajikistan", "rail"), ("tajikistan", "road")), "transport",
                    "schematic straight line, capital to capital; the article gives no route"),
    ProjectGeometry("steel-mills", "Pakistan Steel Mills", "site", ("karachi",),
                    (("steel",),), "steel", "placed at Karachi"),
    ProjectGeometry("new-jamshoro", "New Jamshoro Power Plant", "site", ("jamshoro",),
                    (("jamshoro",),), "power", "placed at Jamshoro"),
    ProjectGeometry("tarbela-4", "Tarbela-4", "site", ("tarbela",), (("tarbela",),),
                    "hydro", "placed at the Tarbela Dam"),
    ProjectGeometry("keyal-khwar", "Keyal Khwar", "site", ("keyal-khwar",), (("keyal",),),
                    "hydro", "approximate site in Kohistan"),
)


def capital_for(actor_id: str, name: str) -> tuple[str, Place] | None:
    """The capital of a state by actor id or name (case-insensitive), or None."""
    for key in (actor_id, name.casefold(), _ALIASES.get(name.casefold(), "")):
        key = _ALIASES.get(key, key)
        if key in CAPITALS:
            return key, CAPITALS[key]
    return None
