"""Name the place of a shared location: the nearest county seat in the GB/T 2260 division list."""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Dict, List, Optional, Tuple

from nlu.gazetteer import NOT_NAMES as _SKIP
from nlu.gazetteer import PLACES_FILE, short_name


@lru_cache(maxsize=1)
def _divisions() -> Tuple[Dict[str, str], List[Tuple[str, float, float]]]:
    names: Dict[str, str] = {}
    seats: List[Tuple[str, float, float]] = []
    for line in PLACES_FILE.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        code, name, longitude, latitude = line.split(",")[:4]
        names[code] = name
        if code[2:4] != "00" and name not in _SKIP and longitude and latitude:  # cities and counties
            seats.append((code, float(latitude), float(longitude)))
    return names, seats


def _distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


def place_name(latitude: float, longitude: float, max_km: float = 150) -> Optional[str]:
    """广东省东莞市 or 广东省深圳市宝安区 for a point, None when it is far from every seat (abroad)."""
    names, seats = _divisions()
    code, lat, lon = min(seats, key=lambda seat: _distance_km(latitude, longitude, seat[1], seat[2]))
    if _distance_km(latitude, longitude, lat, lon) > max_km:
        return None
    chain = [f"{code[:2]}0000000000", f"{code[:4]}00000000", code]
    parts: List[str] = []
    for part in chain:
        name = names.get(part)
        if name and name not in _SKIP and name not in parts:
            parts.append(name)
    return "".join(parts)


@lru_cache(maxsize=1)
def _province_by_name() -> Dict[str, str]:
    """Every division name, full and short (东莞市, 东莞), -> its province's name."""
    names, _ = _divisions()
    provinces: Dict[str, str] = {}
    for code, name in names.items():
        if name in _SKIP:
            continue
        province = names.get(f"{code[:2]}0000000000")
        if not province:
            continue
        provinces.setdefault(name, province)
        short = short_name(name)
        if short:
            provinces.setdefault(short, province)
    return provinces


def province_of(place: Optional[str]) -> Optional[str]:
    """The province a place text names or lies in: 东莞长安镇 -> 广东省, 新疆昌吉 -> 新疆维吾尔自治区."""
    if not place:
        return None
    from nlu.script import to_simplified

    text = to_simplified(place)
    provinces = _province_by_name()
    for start in range(len(text)):  # the first name found, longest first
        for length in range(min(8, len(text) - start), 1, -1):
            province = provinces.get(text[start : start + length])
            if province:
                return province
    return None


def place_prefix(text: str) -> int:
    """How many characters at the start of text name places (晋江鞋厂 -> 2, 深圳宝安一间厂 -> 4), longest first."""
    from nlu.script import to_simplified

    text, provinces, at = to_simplified(text), _province_by_name(), 0
    while True:
        length = next((n for n in range(min(8, len(text) - at), 1, -1) if text[at:at + n] in provinces), 0)
        if not length:
            return at
        at += length
