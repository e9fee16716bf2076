"""Which countries count as developing countries for programmes whose region is ``developing``.

The OECD Development Assistance Committee's *DAC List of ODA Recipients*,
effective for reporting on 2024 and 2025 flows (the list JICA and the
ministries use for "開発途上国"), as ISO 3166-1 alpha-2 codes. Territories
without an ISO code of their own are left out. The list is revised every
three years: update it when the OECD publishes the next one.
"""

# Least developed countries and other low-income countries.
_LDC_AND_LOW_INCOME = """
AF AO BD BF BI BJ CD CF ER ET GM GN GW HT KH KI KM KP LA LR LS MG ML MM MR MW MZ NE NP RW SB
SD SL SN SO SS ST SY TD TG TL TV TZ UG YE ZM
"""

# Lower middle-income countries and territories.
_LOWER_MIDDLE_INCOME = """
BO BT CG CI CM CV DJ DZ EG FM GH HN IN IR KE KG LK MA MN NG NI PG PH PK PS SV SZ TJ TN UA UZ VN
VU WS ZW
"""

# Upper middle-income countries and territories.
_UPPER_MIDDLE_INCOME = """
AL AM AR AZ BA BR BW BY BZ CN CO CR CU DM DO EC FJ GA GD GE GQ GT GY ID IQ JM JO KZ LB LC LY MD
ME MH MK MS MU MV MX MY NA NR NU PA PE PW PY RS SH SR TH TK TM TO TR VC VE WF XK ZA
"""

DEVELOPING_COUNTRIES = frozenset((_LDC_AND_LOW_INCOME + _LOWER_MIDDLE_INCOME + _UPPER_MIDDLE_INCOME).split())

HOME_COUNTRY = "JP"


def is_developing(code: str) -> bool:
    return code.upper() in DEVELOPING_COUNTRIES
