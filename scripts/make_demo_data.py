"""(Re)generate the generated parts of the demo installation in data/demo/.

    python scripts/make_demo_data.py

Writes:
  portraits/*.png  16x16 stylised avatars for the users listed below (needs Pillow)
  holders.csv      the licence-user links, expanded from the table below with the licences
                   each link implies (a licence's prerequisite, a user plan's grants), read
                   from installation.toml
  usage.csv        24 months of metered-service usage

installation.toml, users.csv, events.toml and services.toml are written by hand. The output
is deterministic: running the script again gives the same files.
"""

from __future__ import annotations

import csv
import random
import tomllib
from pathlib import Path

from PIL import Image, ImageDraw

DEMO = Path(__file__).resolve().parents[1] / "data" / "demo"
SEED = 20261128

# --------------------------------------------------------------------------------------------
# Portraits
# --------------------------------------------------------------------------------------------

# file name: (hair style, hair colour or None for a random one, beard)
PORTRAITS = {
    "ingrid-solberg.png": ("long", "blonde", False),
    "tore-haugland.png": ("short", None, True),
    "jon-fjeldstad.png": ("receding", "grey", False),
    "kjersti-helland.png": ("bob", None, False),
    "magnus-haugen.png": ("short", None, False),
    "sigrid-bakke.png": ("bun", None, False),
    "ola-johansen.png": ("short", "blonde", True),
    "nora-lie.png": ("long", None, False),
    "eirik-dahl.png": ("short", None, False),
    "hakon-berg.png": ("bald", None, True),
    "camilla-eide.png": ("long", "auburn", False),
    "knut-aasen.png": ("short", "grey", True),
    "hanne-vik.png": ("bob", None, False),
    "oyvind-halvorsen.png": ("short", None, False),
    "ida-skogen.png": ("bun", None, False),
    "henrik-wold.png": ("short", "black", False),
    "julie-ronning.png": ("long", None, False),
    "bjorn-andersen.png": ("bald", "grey", False),
}

BACKGROUNDS = [
    (94, 151, 160),  # teal
    (120, 140, 190),  # slate blue
    (143, 170, 130),  # sage
    (214, 190, 140),  # sand
    (200, 140, 150),  # dusty rose
    (160, 140, 195),  # lavender
    (210, 160, 80),  # ochre
    (110, 170, 200),  # sky
]
SKIN = [(250, 218, 196), (240, 200, 170), (226, 180, 145), (198, 146, 110), (160, 110, 80),
        (118, 80, 58)]
HAIR = {
    "blonde": (226, 196, 120),
    "light brown": (160, 118, 72),
    "brown": (105, 70, 42),
    "dark brown": (68, 44, 30),
    "black": (32, 28, 30),
    "auburn": (150, 70, 40),
    "grey": (176, 176, 180),
}
SHIRTS = [(40, 60, 110), (60, 64, 72), (120, 40, 55), (40, 100, 70), (200, 160, 50),
          (230, 230, 225), (70, 110, 160), (150, 90, 60)]
EYES = (40, 34, 40)


def darker(colour: tuple[int, int, int], by: float = 0.8) -> tuple[int, int, int]:
    return tuple(int(c * by) for c in colour)  # type: ignore[return-value]


def portrait(style: str, hair: tuple[int, int, int], beard: bool, skin: tuple[int, int, int],
             background: tuple[int, int, int], shirt: tuple[int, int, int]) -> Image.Image:
    """A 16x16 avatar drawn pixel by pixel: background, shoulders, neck, head, hair, eyes."""
    img = Image.new("RGB", (16, 16), background)
    d = ImageDraw.Draw(img)
    if style == "long":  # hair that falls behind the shoulders
        d.rounded_rectangle((3, 3, 12, 13), radius=3, fill=hair)
    d.ellipse((1, 12, 14, 21), fill=shirt)  # shoulders
    d.rectangle((7, 10, 8, 12), fill=darker(skin, 0.9))  # neck
    d.point([(7, 13), (8, 13)], fill=darker(skin, 0.9))  # open collar
    d.ellipse((4, 3, 11, 11), fill=skin)  # head
    if style not in ("long", "bob"):  # those hide the ears
        d.point([(3, 7), (12, 7)], fill=darker(skin, 0.9))
    if style in ("short", "long", "bob", "bun"):
        d.chord((4, 2, 11, 9), 180, 360, fill=hair)  # crown
        d.point([(4, 5), (11, 5)], fill=hair)
    if style == "short":
        d.point([(5, 5), (6, 5)], fill=hair)  # a side fringe
    if style == "long":
        d.rectangle((4, 5, 4, 10), fill=hair)
        d.rectangle((11, 5, 11, 10), fill=hair)
    if style == "bob":
        d.rectangle((3, 4, 4, 9), fill=hair)
        d.rectangle((11, 4, 12, 9), fill=hair)
        d.line((5, 5, 8, 5), fill=hair)  # fringe
    if style == "bun":
        d.ellipse((6, 0, 9, 3), fill=hair)
    if style == "receding":
        d.point([(4, 5), (4, 6), (11, 5), (11, 6), (5, 4), (10, 4)], fill=hair)
    if style == "bald":
        d.point([(4, 6), (4, 7), (11, 6), (11, 7)], fill=hair)
        d.point([(6, 4), (7, 4)], fill=tuple(min(255, c + 18) for c in skin))  # shine
    if beard:
        d.chord((4, 5, 11, 11), 20, 160, fill=hair)
        d.point([(7, 9), (8, 9)], fill=darker(skin, 0.75))  # mouth in the beard
    else:
        d.point([(7, 9), (8, 9)], fill=(170, 90, 90))  # mouth
    d.point([(6, 7), (9, 7)], fill=EYES)
    return img


def make_portraits() -> None:
    rng = random.Random(SEED)
    folder = DEMO / "portraits"
    folder.mkdir(parents=True, exist_ok=True)
    previous = None
    for name, (style, hair_name, beard) in PORTRAITS.items():
        background = rng.choice([b for b in BACKGROUNDS if b != previous])
        previous = background
        skin = rng.choice(SKIN)
        hair = HAIR[hair_name or rng.choice(["blonde", "light brown", "brown", "dark brown",
                                              "black", "auburn"])]
        shirt = rng.choice(SHIRTS)
        portrait(style, hair, beard, skin, background, shirt).save(folder / name, optimize=True)


# --------------------------------------------------------------------------------------------
# Holders
# --------------------------------------------------------------------------------------------

# One line per user (or more, if the list is long): the user's start date and the licences
# assigned to them directly (SUPEROFFICE's by code name, partners' as OWNER/code).
# Prerequisites and plan grants are added by expand_holders().
ASSIGNED = """
ADMIN     2021-03-01  ten-sales-essentials ten-service-essentials windows outlook-sync
ADMIN     2021-03-01  ten-exchange-sync DOCUFLOW/dfa-user
TOREH     2022-08-15  ten-sales-essentials DOCUFLOW/dfa-user
EVENO     2026-09-01  ten-sales-essentials
JONF      2021-03-01  ten-sales-premium ten-exchange-sync DOCUFLOW/dfa-user
KJERSTIH  2023-01-09  ten-sales-premium ten-exchange-sync
STIANM    2024-04-02  ten-sales-premium ten-exchange-sync
MAGNUSH   2021-03-01  ten-sales-premium windows outlook-sync ten-exchange-sync
SIGRIDB   2021-03-01  ten-sales-premium windows outlook-sync ten-exchange-sync
OLAJ      2021-06-14  ten-sales-premium windows outlook-sync ten-exchange-sync
NORAL     2022-02-01  ten-sales-premium ten-exchange-sync
EIRIKD    2022-05-16  ten-sales-premium ten-exchange-sync
HAKONB    2021-03-01  ten-sales-premium ten-exchange-sync
SILJEP    2023-03-06  ten-sales-premium ten-exchange-sync
ANDERSN   2023-08-14  ten-sales-premium ten-exchange-sync
MARTEH    2024-01-08  ten-sales-premium ten-exchange-sync
JONASS    2024-09-02  ten-sales-premium ten-exchange-sync
CAMILLAE  2025-02-03  ten-sales-premium ten-exchange-sync
VEGARDL   2025-04-22  ten-sales-premium ten-exchange-sync
EMILIES   2025-10-06  ten-sales-premium ten-exchange-sync
LARSK     2026-11-16  ten-sales-premium
THEAR     2026-10-05  ten-sales-premium
KNUTA     2021-03-01  ten-sales-premium ten-service-premium ten-cs windows ten-exchange-sync
KNUTA     2021-03-01  DOCUFLOW/dfa-user ROUTEPLAN/rp-planner
HANNEV    2021-09-01  ten-service-premium ten-cs DOCUFLOW/dfa-user ROUTEPLAN/rp-planner
SINDREB   2022-03-21  ten-service-premium ten-cs ROUTEPLAN/rp-tech
RANDIM    2021-03-01  ten-service-premium ten-cs DOCUFLOW/dfa-user ROUTEPLAN/rp-tech
PETTERH   2023-06-12  ten-service-premium ten-cs ROUTEPLAN/rp-tech
LINNT     2024-02-19  ten-service-premium ten-cs DOCUFLOW/dfa-user
OYVINDH   2022-10-03  ten-service-essentials ten-cs ROUTEPLAN/rp-tech
TONJES    2025-01-13  ten-service-essentials ten-cs ROUTEPLAN/rp-tech
GEIRF     2023-11-06  ten-service-essentials ROUTEPLAN/rp-tech
MARIAB    2025-08-18  ten-service-essentials DOCUFLOW/dfa-user ROUTEPLAN/rp-tech
IDAS      2021-03-01  ten-sales-premium ten-marketing-essentials
HENRIKW   2022-11-14  ten-sales-premium ten-marketing-essentials
JULIER    2024-05-06  ten-marketing-essentials
MATHIASL  2026-08-10  ten-marketing-essentials
VILDEA    2025-06-02  ten-marketing-essentials
BJORNA    2021-03-01  ten-sales-premium windows DOCUFLOW/dfa-user
ANNEH     2021-03-01  ten-sales-essentials windows DOCUFLOW/dfa-user
TRONDS    2023-09-04  ten-sales-essentials DOCUFLOW/dfa-user
ELING     2024-10-21  ten-sales-essentials DOCUFLOW/dfa-user
"""

# Links that differ from "valid from the user's start date, no end, no comment".
# (user_id, "OWNER/code"): (valid_from or None for the start date, valid_to, comment)
SPECIAL = {
    ("LARSK", "SUPEROFFICE/ten-sales-premium"): (None, "", "Ny selger – lisens bestilt"),
    ("THEAR", "SUPEROFFICE/ten-sales-premium"): (None, "2027-01-31", "Vikar ut januar"),
    ("EVENO", "SUPEROFFICE/ten-sales-essentials"):
        (None, "2027-01-31", "Consultant from our IT partner, CRM upgrade project"),
    ("MATHIASL", "SUPEROFFICE/ten-marketing-essentials"): (None, "2026-12-31", "Trainee"),
    ("ADMIN", "SUPEROFFICE/outlook-sync"): ("2026-09-14", "", "Pilot for Outlook-synk"),
    ("MAGNUSH", "SUPEROFFICE/outlook-sync"): ("2026-09-14", "", "Pilot for Outlook-synk"),
    ("BJORNA", "SUPEROFFICE/ten-sales-premium"): ("2023-09-01", "", "Needs quotes and forecasts"),
    ("KNUTA", "ROUTEPLAN/rp-planner"): ("2025-12-15", "", "Planlegger rutene for Vestland"),
    ("GEIRF", "ROUTEPLAN/rp-tech"): ("2025-12-15", "", "Servicebil 4, Voss"),
}


def load_licences() -> dict[str, dict]:
    """Every licence in installation.toml by "OWNER/code", in file order."""
    installation = tomllib.loads((DEMO / "installation.toml").read_text(encoding="utf-8"))
    return {f"{owner['name']}/{lic['name']}": lic | {"owner": owner["name"]}
            for owner in installation["owners"] for lic in owner["licences"]}


def expand_holders() -> list[list[str]]:
    licences = load_licences()
    users = [row["user_id"] for row in csv.DictReader(
        (DEMO / "users.csv").open(encoding="utf-8"))]
    links: dict[tuple[str, str], tuple[str, str, str]] = {}  # (user, licence) -> from, to, note

    def add(user: str, key: str, since: str, until: str, note: str) -> None:
        """Link user to key and to everything key implies; an implied link keeps the
        earliest start and, if every link implying it ends, the latest end."""
        if (user, key) in links:
            old_from, old_to, old_note = links[(user, key)]
            since = min(since, old_from)
            until = "" if "" in (until, old_to) else max(until, old_to)
            note = old_note or note
        links[(user, key)] = (since, until, note)
        owner = licences[key]["owner"]
        implied = list(licences[key].get("grants", []))
        if "prerequisite" in licences[key]:
            implied.append(licences[key]["prerequisite"])
        for name in implied:
            add(user, f"{owner}/{name}", since, until, "")

    for line in ASSIGNED.strip().splitlines():
        user, start, *assigned = line.split()
        for key in assigned:
            key = key if "/" in key else f"SUPEROFFICE/{key}"
            since, until, note = SPECIAL.get((user, key), (None, "", ""))
            add(user, key, since or start, until, note)

    # Sort by licence (file order), then user (users.csv order).
    order = {key: i for i, key in enumerate(licences)}
    rows = sorted(links.items(), key=lambda item: (order[item[0][1]], users.index(item[0][0])))
    return [[*key.split("/"), user, *dates_note] for (user, key), dates_note in rows]


def make_holders() -> None:
    with (DEMO / "holders.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["owner", "licence", "user_id", "valid_from", "valid_to", "comment"])
        writer.writerows(expand_holders())


# --------------------------------------------------------------------------------------------
# Usage
# --------------------------------------------------------------------------------------------

MONTHS = [f"{2024 + (11 + i) // 12}-{(11 + i) % 12 + 1:02d}" for i in range(24)]  # 2024-12..2026-11
# Users per month: 34 a year ago, then the autumn hires (Mathias, Even, Thea, Lars).
USERS = [34] * 4 + [35] * 6 + [36] * 10 + [37, 38, 39, 40]
PART_OF_LAST_MONTH = 28 / 30  # as_of is the 28th: the current month is not over yet

# Seasonal factor per calendar month (Jan..Dec) for each counted service.
SEASON = {
    # spring and autumn campaigns; quiet in July (fellesferie) and December
    "mailings": [0.9, 1.1, 1.35, 1.25, 1.0, 0.8, 0.35, 0.9, 1.3, 1.15, 1.1, 0.6],
    # customers follow their service orders; the busy season is spring and early summer
    "customer-centre-logins": [0.85, 0.9, 1.05, 1.2, 1.25, 1.15, 0.8, 1.0, 1.1, 1.05, 0.95, 0.75],
    "chat-sessions": [0.85, 0.9, 1.05, 1.2, 1.25, 1.15, 0.75, 1.0, 1.1, 1.05, 0.95, 0.7],
    "form-submissions": [0.8, 1.0, 1.4, 1.3, 1.0, 0.8, 0.5, 0.9, 1.3, 1.1, 1.0, 0.6],
}
# (starting level, monthly growth) for each counted service
LEVEL = {
    "mailings": (18_000, 0.012),
    "customer-centre-logins": (2_400, 0.010),
    "chat-sessions": (640, 0.015),
    "form-submissions": (900, 0.007),
}
# Campaign months: mailings and form submissions multiplied; both mailing campaigns go over.
CAMPAIGNS = {"2025-09": 1.6, "2026-03": 1.75}


def make_usage() -> None:
    rng = random.Random(SEED)
    rows = []
    for service in ["storage", *SEASON]:
        for i, month in enumerate(MONTHS):
            last = i == len(MONTHS) - 1
            if service == "storage":
                # Steady growth; a batch of scanned machine manuals landed in 2026-10
                # and took storage over the threshold for the last two months.
                gb = 21.3 + 0.33 * i + (1.6 if month >= "2026-10" else 0.0)
                amount = int((gb + rng.uniform(-0.08, 0.08)) * 1e9) + rng.randrange(1_000_000)
            else:
                start, growth = LEVEL[service]
                value = start * (1 + growth) ** i * SEASON[service][int(month[5:]) - 1]
                if service in ("mailings", "form-submissions") and month in CAMPAIGNS:
                    value *= CAMPAIGNS[month] if service == "mailings" else 1.3
                value *= rng.uniform(0.94, 1.06)
                amount = round(value * (PART_OF_LAST_MONTH if last else 1))
            rows.append([service, month, amount, USERS[i]])
    with (DEMO / "usage.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["service", "month", "amount", "users"])
        writer.writerows(rows)


if __name__ == "__main__":
    make_portraits()
    make_holders()
    make_usage()
    print(f"Wrote portraits, holders.csv and usage.csv in {DEMO}")
