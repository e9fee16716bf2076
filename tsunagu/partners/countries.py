"""Countries from ISO 3166-1 as maintained by pycountry, with its Japanese names."""

import gettext

import pycountry


def iso_countries() -> list[dict[str, str]]:
    japanese = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ja"], fallback=True)
    rows = []
    for country in pycountry.countries:
        english = getattr(country, "common_name", None) or country.name
        rows.append(
            {
                "code": country.alpha_2,
                "alpha3": country.alpha_3,
                "name_en": english,
                "name_ja": japanese.gettext(country.name),
            }
        )
    return rows


def sync_countries(country_model) -> int:
    """Create or update every ISO country; returns how many exist afterwards."""
    existing = {c.code: c for c in country_model.objects.all()}
    for row in iso_countries():
        country = existing.get(row["code"])
        if country is None:
            country_model.objects.create(**row)
        elif any(getattr(country, k) != v for k, v in row.items()):
            for key, value in row.items():
                setattr(country, key, value)
            country.save()
    return country_model.objects.count()
