"""Rule tables for the garbled-text rules: each failing case beside a passing near-miss."""

from __future__ import annotations

from pathlib import Path

import pytest

from factlint.fix import apply_fixes
from tests.helpers import rule_findings, run_rule

# A paragraph long enough (over 90 characters) not to be read as a heading.
LONG = "The agency said on Monday that the new rules would apply to every firm in the sector"


def cases(rule_id: str, table: list[tuple[str, list[tuple[int, int]]]]) -> list[object]:
    return [
        pytest.param(
            rule_id, text, [(rule_id, line, col) for line, col in expected], id=f"{rule_id}-{i}"
        )
        for i, (text, expected) in enumerate(table)
    ]


FL601 = [
    ("The fundâ€™s growth slowed.", [(1, 9)]),
    ("The fund’s growth slowed.", []),
    ("She ordered a cafÃ© au lait and paid Â£4.", [(1, 18), (1, 38)]),
    ("She ordered a café au lait and paid £4.", []),
    ("José Müller, naïve, Ångström, Øresund.", []),
    ("中国的人工智能发展很快。日本語も。한국어도.", []),
    ("Emoji 👍🏽 👨\u200d👩\u200d👧 and “quotes” — dashes – ‘single’ × ±.", []),
    ("Ελληνικά и русский текст, עברית, العربية.", []),
    ("He said â€œyesâ€\x9d twice.", [(1, 9), (1, 15)]),
    # UTF-8 punctuation read as GBK, in English: "’s", "“T"; a mark whose byte was lost
    # ("鈥 " for a dash) has no sure repair
    ("Following the bridge鈥檚 collapse, 鈥淭he search goes on 鈥 for now.", [(1, 21), (1, 34)]),
    ("鈥是一种古代农具。这篇文章谈到了它的用途和历史。", []),  # in Chinese "鈥" is a word
]

FL602 = [
    ("The fund is worth \ufffd60 billion.", [(1, 19)]),
    ("The fund is worth €60 billion.", []),
    ("Two \ufffd\ufffd here and one \ufffd there.", [(1, 5), (1, 21)]),
    ("A `code \ufffd` span is not prose.", []),
]

FL603 = [
    ("The minis\u200btry said so.", [(1, 10)]),
    ("The ministry said so.", []),
    ("Prices rose\x07 sharply.", [(1, 12)]),
    ("Prices rose\tsharply.", []),
    ("Word\ufeffjoined and page\x0cbreak.", [(1, 5), (1, 21)]),
    ("A family 👨\u200d👩\u200d👧 and Persian می\u200cخواهم and Hindi क्\u200dष.", []),
    ("Latin join\u200ded here.", [(1, 11)]),
    ("Thai ภาษา\u200bไทย uses it as a break hint.", []),
    ("He said â€œyesâ€\x9d twice.", []),  # the C1 control is part of mojibake (FL601)
]

FL604 = [
    ("For years,the narrative held.", [(1, 5)]),
    ("It has 1,000 staff and 2,500 more.", []),
    ("Sales rose in 2024,the company said, and in 2025,when it grew.", [(1, 15), (1, 45)]),
    ("Codes 3,a and 12024,abc and FY-2024,q and 1,2024,x and 2024,Paris.", []),
    ("They experimented.However, little changed.", [(1, 6)]),
    ("The fund holds 60.06 billion yuan.", []),
    ("It came from Dubai.Fluent in English, he left.", [(1, 14)]),
    ("He moved to the U.S. Later he left, e.g. in May, i.e. soon.", []),
    ("J.R.R. Tolkien and Washington D.C. and Ph.D. and Ph.Ds.", []),
    ("Visit aicnbc.com or toutiao.com/article/7 or example.Com today.", []),
    ("Mail john.smith@example.org and open report.pdf or Report.Docx.", []),
    ("Use Node.js, .NET, v1.2.3, Python 3.11, ASP.Net and HTML,CSS.", []),
    ("He lives in St.Louis and met Mr.Smith at 10:30 a.m. today.", []),
    ("Yahoo!Finance and 1.First and x,y and a,b.", []),
    ("Is it real?Yes it is.", [(1, 7)]),
    ("Beijing,China and Paris,France.", [(1, 1), (1, 19)]),
    ("Smith,J. and Doe,A. wrote it.", []),
    ("The growth.Companies rose.", [(1, 5)]),  # not a domain: ".Co" runs on
    ("Growth in data.Frame and str.Join.", [(1, 11), (1, 26)]),
    ("The mind does work unconsciously.In fact, it does.", [(1, 20)]),
    ("Visit example.in or Example.In or shop.co.in today.", []),
    # a closing quote read in the wrong encoding: FL601's mojibake, no glued word
    ("“We need new rules,â€\x9d he said, and left,â€” then,â€“ later.", []),
    ("“We need new rules,â€\x9d he said,and left.", [(1, 27)]),
    # a sentence that ends on a year or a percentage
    ("The economy grew in 2024.However, prices rose.", [(1, 21)]),
    ("Output rose 3.5%.The rate was 2% in 2023.", [(1, 13)]),
    ("See ISO 9001.The and v2024.Release and COVID-2019.The and 2024.Com today.", []),
    # initials before a word, a colon before a quotation, a preposition before a year
    ("The U.S.officials met on Monday.", [(1, 5)]),
    ("The U.S.-based firm and the U.S.A. and U.S.gov and A.B.C. today.", []),
    ("Officials said:“We will act soon.”", [(1, 11)]),
    ('Officials said:"We will act soon."', [(1, 11)]),
    ("At 10:30 the vote began; ratio 3:1 and key:value and re:Invent.", []),
    ("The data were published in2022 and revised since2023.", [(1, 25), (1, 44)]),
    ("Tags #in2022, @on2020, /in2022/ and Bin2020 stay.", []),
    # two words run together, one a function word
    ("He is not the monster that thegovernment has portrayed.", [(1, 28)]),
    ("It was inthe house ofthe mayor, a strategyof theirs.", [(1, 8), (1, 20), (1, 35)]),
    ("Together, another therapy: the theme of the thermostats, forecasts and islands.", []),
    ("New offences and a first offence; todays news; the wastewater and hashtags.", []),
    ("A word the list lacks twice: thegadget and thegadget again.", []),
    ("The Thegovernment party, thegovernment.org and #thegovernment stay.", []),
    ("Source: theguardian, bnn.network, arabnews", []),
]

FL605 = [
    ("The minister said the the fund would grow.", [(1, 19)]),
    ("She had had enough, and he said that that was final.", []),
    ("Most of\nof the money went to chips.", [(1, 6)]),
    ("Most of\n\nof the money went to chips.", []),  # a new paragraph
    ("The The fund grew.", []),
    ("They ate mahi mahi and said there there.", []),
    ("He logged in in the morning and carried on on foot.", []),  # particle + preposition
    (
        "She invested in in the company and came back back home.",
        [(1, 14), (1, 41)],
    ),  # capitalised twice: a name ("The The", "Duran Duran")
    ("The the fund grew.", [(1, 1)]),
    ("Sirhan Sirhan, Duran Duran and Bora Bora.", []),
    ("It was a a mistake.", [(1, 8)]),
    ("Type x x or 1 1 and bye bye, so so, very very.", []),
    ("He said “very good good” and left.", []),  # inside a quotation: the speaker's
    ("“This is way way too large, a big big problem,” one said.", []),
    ("“My great great grandfather said sorry sorry,” she said.", []),
    ("“It is jobs jobs jobs and location location location,” he said.", []),
    # ... but no speaker stresses a long content word that way: a slip
    ("“It uses the potential potential victim’s photos,” said Stefanko.", [(1, 14)]),
    ("“We have to accept accept that,” she said.", [(1, 13)]),
    # ... but no speaker stresses a function word by doubling it.
    ("“It was not an inquiry into the the drug trade,” he said.", [(1, 29)]),
    ("“He is a candidate who who has fought,” she said.", [(1, 20)]),
    ("“It is low noise while while achieving speed,” he said.", [(1, 18)]),
    ("The ministry said it was was satisfied.", [(1, 22)]),
    ("What it was was luck, and all it is is a start.", []),  # a defined clause
    ("“The thing is is that we lost,” he said.", []),
    ("It hopes to have taken out out enough by 2050.", [(1, 24)]),  # no object follows
    ("He came in in 2019 and signed up up front.", []),
    ("He said very good good and left.", [(1, 14)]),
    ("Le café café ouvre.", [(1, 4)]),
    # Decomposed accents (NFD): the quick first look cannot see these; the full scan does.
    ("Le cafe\u0301 cafe\u0301 ouvre.", [(1, 4)]),
    ("Le cafe\u0301 the\u0301 ouvre.", []),
]

FL606 = [
    (f"{LONG}. China is poised to shape how AI is used. Speed\n\n\n", [(1, 128)]),
    (f"{LONG}. China is poised to shape how AI is used.\n\n\n", []),
    (f"{LONG} and it ends on a lowercase word\n", [(1, 1)]),
    (f"{LONG}. Reuters\n", []),
    (f"{LONG}. Follow us on Twitter @agency\n", []),
    (f"{LONG}. Speed 🚀\n", []),
    (f"{LONG}. Reporting by John Smith and Jane Doe\n", []),
    (f"{LONG}. Photo: Reuters\n", []),
    (f"{LONG}. More at https://example.com/page\n", []),
    (f"{LONG}.\n\nMao Paishou\n", []),  # a byline after the last paragraph
    (f"{LONG}.\n\n- a list item without a stop\n", []),
    (f"{LONG}.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", []),
    (f"{LONG}.\n\nShort title-like last line\n", []),
    # a related article's headline, linked below the last paragraph (FL611 reports it)
    (f"{LONG}.\n\nRead more: Crowdstrike may lose a fifth of its value amid global outage\n", []),
    (f"{LONG}.\n\nWe read more into the outage than the firm said it would\n", [(3, 1)]),
    (f"{LONG}, and it ends with the\n\nmarket as a whole. The end.\n", [(1, 104)]),
    (f"{LONG}, and it ends on a comma,\n\nand the market grew. The end.\n", [(1, 109)]),
    (f"{LONG}, and it ends on a comma,\n\nAnd the market grew. The end.\n", []),
    (f"{LONG}, and it ends with the\nmarket as a whole. The end.\n", []),  # one paragraph
    # A paragraph of prose that stops on a word leading on, whatever follows it.
    (
        "Pat Cummins chose to bowl first on a dry pitch with chances of dew during the\n\n"
        "It makes no difference for India. The end.\n",
        [(1, 75)],
    ),
    (
        "Pat Cummins chose to bowl first on a dry pitch with chances of dew during the\n\n"
        "## Teams\n",
        [(1, 75)],
    ),
    ("Cummins chose to bowl first on a pitch during the\n\nIt makes no difference.\n", []),
    ("## What the rules mean for those who live and work in the\n\nThe end came.\n", []),
    (
        "The captain chose to bowl first on a dry pitch with chances of dew in\n\n"
        "It makes no difference for India. The end.\n",
        [],  # a subheading may end on "in"
    ),
    # A short last line that reads as a sentence was cut, not a heading or a byline.
    (f"{LONG}.\n\nThe officer was taken to the\n", [(3, 1)]),
    (f"{LONG}.\n\nHead coach Russell Latapy’s men have a month to prepare for the\n", [(3, 1)]),
    (f"{LONG}.\n\nHe said it had cast a spotlight on the\n", [(3, 1)]),
    # ... but a sentence-case subheading can end an article: only an ending no headline
    # has gives the cut away (subheadings of a real interview story, placed last), or a
    # grammar no headline has: a subject pronoun first, or a determiner and a finite
    # verb (headlines drop both), or a quotation that opens and does not close.
    (f"{LONG}.\n\nHe said it had cast a spotlight on\n", [(3, 1)]),
    (f"{LONG}.\n\nThe incident has occurred at a time when Japan is seeing\n", [(3, 1)]),
    (f"{LONG}.\n\nAll five crash victims were taken\n", [(3, 1)]),
    (f"{LONG}.\n\n“If there’s really a problem and not just the ISO jumping\n", [(3, 1)]),
    (f"{LONG}.\n\n“If there’s really a problem,” he said of the ISO jumping\n", [(3, 1)]),
    (f"{LONG}.\n\n“Why the grid failed” and other stories\n", []),  # the quotation closes
    (f"{LONG}.\n\nThere were 'concerns' in the royal family about Archie's skin color\n", []),
    (f"{LONG}.\n\nThe quiet revolution in the suburbs of Lagos\n", []),  # no finite verb
    (f"{LONG}.\n\nAmazon is expected to bring\n", []),  # a name first: a headline's way
    (f"{LONG}.\n\nMeghan has seen some of the headlines about her\n", []),
    (f"{LONG}.\n\nKate made Meghan cry, not the other way around\n", []),
    (f"{LONG}.\n\nThe details behind their split from the royals\n", []),
    # ... and no subheading runs over eleven words: a longer line that ends on a
    # lowercase word was cut, whatever its last word.
    (
        f"{LONG}.\n\nHead coach Russell Latapy’s men have just over a month to prepare for"
        " the crucial\n",
        [(3, 1)],
    ),
    (f"{LONG}.\n\nMr Sunak is widely expected to stand down as the Conservative lead\n", [(3, 1)]),
    (
        f"{LONG}.\n\nThe pair shook hands and met in a one-on-one setting before conferring\n",
        [(3, 1)],
    ),
    (f"{LONG}.\n\nMr Sunak is widely expected to stand down as Conservative lead\n", []),
    (f"{LONG}.\n\nThis article first appeared in the print edition of the weekly paper\n", []),
    (f"{LONG}.\n\nPolice said. Tegnell laughed and\n", [(3, 14)]),
    (f"{LONG}.\n\nShe said the talks would resume with\n", [(3, 1)]),
    (f"{LONG}.\n\nThe talks will resume after the\n", [(3, 1)]),
    # A sentence that lacks only its full stop is reported too: its grammar is a
    # sentence's, and whether "go on" or "cast a spotlight on" is finished is not told.
    (f"{LONG}.\n\nShe said the talks would go on\n", [(3, 1)]),
    (f"{LONG}.\n\nThe talks went well\n", []),  # a complete clause, too short to judge
    (f"{LONG}.\n\nRelated Articles From The Agency\n", []),  # title case
    (f"{LONG}.\n\n## What the rules mean for\n", []),  # a Markdown heading
    (f"{LONG}.\n\nBy John Smith and Jane Doe in\n", []),  # a byline
    # A last line that speaks to the reader is a call to act, unless it is quoted.
    (f"{LONG}.\n\nHave a story idea for our reporters to look into\n", []),
    (f"{LONG}.\n\nTell us what you think of the\n", []),
    (f"{LONG}.\n\n“We will do all we can for our members to\n", [(3, 1)]),
    # An embedded post ends on its credit line, with a date and no full stop.
    (
        f"{LONG}.\n\nWe expect inflation to fall further this year. https://t.co/fGooUBPP4w"
        " #MonetaryPolicyReport #inflation pic.twitter.com/5kWJc5qD0i\n— Bank of England"
        " (@bankofengland) August 3, 2023\n",
        [],
    ),
    # The items of a list a colon opens, their bullets lost in a copy; not without it.
    (
        f"{LONG}.\n\nKey takeaways include:\n\nRestoring $32 million for CUNY\n\n"
        "Adding 5,000 slots to the Summer Youth Employment Program, to allow school-year"
        " employment opportunities\n",
        [],
    ),
    (
        f"{LONG}.\n\nKey takeaways include these.\n\nRestoring $32 million for CUNY\n\n"
        "Adding 5,000 slots to the Summer Youth Employment Program, to allow school-year"
        " employment opportunities\n",
        [(7, 1)],
    ),
]

FL607 = [
    ("They know global buisness practices.", [(1, 18)]),
    ("They know global business practices.", []),
    ("Recieved wisdom says otherwise.", [(1, 1)]),
    ("Buisness is good. The firm Buisness Ltd said so.", []),  # a name elsewhere too
    ("The BUISNESS unit, buisness_id and buisness.py are names.", []),
    ('He wrote "buisness" [sic] and buisness (sic).', []),
    ("Teh cat and hte dog.", [(1, 1), (1, 13)]),
    ("The caf and ot and nd are short.", []),  # under four letters: not trusted
    ("He despatched troops to the Somme; Didi said so.", []),  # real words and names
    ("The accomodation was poor.", [(1, 5)]),
    ("The tag #accomodation is a hashtag.", []),
    # the last word of a text cut off mid-word is cut, not misspelt
    ("He saw bodies buried in ruins and helpe", []),
    ("He saw bodies buried in ruins and helpe\n\nThey left.", [(1, 35)]),
]

FL607_SPANISH = [("Ella dijo que alle oder ist.", [])]

FL608 = [
    ("Counterfeit consciousness is changing the world.", [(1, 1)]),
    ("Artificial intelligence is changing the world.", []),
    ("Firms use profound learning and colossal information.", [(1, 11), (1, 33)]),
    ("Firms use deep learning and big data.", []),
    ("They trained profound neural organizations.", [(1, 14)]),
    ("The neural organization of the cortex; a malignant growth.", []),
    ("It is adopted widely, frequently enough with little debate.", [(1, 23)]),
    ("He doesn't visit frequently enough. They meet, frequently enough to agree.", []),
    ("Patients with bosom malignancy and high circulatory strain.", [(1, 15), (1, 41)]),
]

FL609 = [
    ("The fund (worth 60 billion yuan was launched.", [(1, 10)]),
    ("The fund (worth 60 billion yuan) was launched.", []),
    # a text that breaks off: the bracket may close in the part lost (FL606 says so)
    ("Prices rose.\n\nA wave hit. Waves taller than 10 feet (3", []),
    ("A wave hit. Waves taller than 10 feet (3\n\nPrices rose.", [(1, 39)]),
    ("Prices rose.\n\nA wave hit. Waves taller than 10 feet (3.", [(3, 39)]),
    ("The fund was launched last year] by the state.", [(1, 32)]),
    ("The fund was launched [last year] by the state.", []),
    ("Choose a) the fund or b) the bond :) or 1) this, 2) that.", []),
    ("He was sad :( and left ;-) fine.", []),
    ("The fund (worth [60 billion) was launched.", [(1, 17)]),
    ("An aside (that wraps\nonto the next line.) ends here.", []),
    ("An aside (that ends a sentence.\nIt goes on.) ends here.", []),
    ("A half-open [0, 1) interval and (0.5, 1] too.", []),
    ("Markdown [link](https://example.com) text.", []),
]

FL610 = [
    ("He said “the market is strong, and left.\n\nPrices fell.\n", [(1, 9)]),
    ("He said “the market is strong,” and left.\n\nPrices fell.\n", []),
    ("Prices fell.\n\nHe said “the market is strong, and", []),  # cut off
    ("Prices fell.\n\nHe said “the market is strong. It will grow, and", []),
    ("He said the market is strong,” and left.\n", [(1, 30)]),
    ("He said “the market is strong.\n\n“Prices will rise,” he added.\n", []),
    ('He said "the market" and the screen is 27" across.\n', []),
    ('He said it "looks more like 60,000".\n', []),
    # a wire style closes with two apostrophes
    ("\"We are at the tipping point,'' said Clapp. \"Act now.''\n", []),
    # and another opens with them too
    ("The students recalled it. ''There was blood everywhere,'' a student said.\n", []),
    ("''There was blood,'' she said. ''We ran and ran out of the bus.\n", [(1, 32)]),
    ("'They matter a lot,' she said. ''Cause you know it.\n", []),  # a mark and an elision
    ("\"We are at the tipping point, said Clapp. It's 'now'.\n", [(1, 1)]),
    ("He said “the market is strong.\nPrices will rise,” he added.\n", []),  # hard-wrapped
    ("“First.\n\n“Second.\n\n“Third,” he said.\n", []),
    # one line a paragraph: a quotation runs on over lines as over paragraphs
    ('He said: "First.\n"Second.\n"Third."\nPrices fell.\n', []),
    ('He said: "First.\n"Second.\nPrices fell.\n', [(2, 1)]),
    ("The sky went “really dark.\n“The smoke came here,” he said.\n", [(1, 14)]),
    # the speaker named after the words: the quotation ended in that paragraph
    ("“The share was 6.8 percent, Fa said.\n\n“We also learned more.”\n", [(1, 1)]),
    ("“The share was 6.8 percent, said Julia Fa.\n\n“We also learned more.”\n", [(1, 1)]),
    ("“The share was 6.8 percent, she added.\n\n“We also learned more.”\n", [(1, 1)]),
    # any reporting verb of the attribution extractor, "told" with its listener
    ("“The share was 6.8 percent, Julia Fa argued.\n\n“We also learned more.”\n", [(1, 1)]),
    ("“The share was 6.8 percent, Fa pointed out.\n\n“We also learned more.”\n", [(1, 1)]),
    ("“The share was 6.8 percent, Fa told reporters.\n\n“We also learned more.”\n", [(1, 1)]),
    ("“The share was 6.8 percent, Fa told.\n\n“We also learned more.”\n", []),
    ("“The share was 6.8 percent, Fa States.\n\n“We also learned more.”\n", []),
    ("Fa said: “The share was 6.8 percent, as Fa said.\n\n“We also learned more.”\n", []),
    ("“The share, Fa said, was 6.8 percent.\n\n“We also learned more.”\n", []),
    ("He said: “We will win.\n", [(1, 10)]),
    ("The “walled garden” approach of “Chinese label.”\n", []),
    ("Er sagte „das ist gut“ und ging.\n", []),  # German marks: “ closes
    # a few words quoted inside a sentence do not run on into the next paragraph
    ("The governor called for “calm at this time.\n\n“I realise this,” he said.\n", [(1, 25)]),
    ("The sky went “really dark.\n\n“The smoke came here,” he said.\n", [(1, 14)]),
    ("He said “We will win.\n\n“And we will go on,” he added.\n", []),  # no comma: runs on
    # mojibake of a quote mark or a dash (FL601): its marks cannot be counted
    ("He said â€œthe market is strong,” and left.\n", []),
    ("He said “the market is strong,â€\x9d and left.\n", []),
    ("Prices rose â€“ and fell â€” in May.\n", []),
    ("Prices rose â€“ and fell.\n\nHe said the market is strong,” and left.\n", [(3, 30)]),
]

FL611 = [
    ("The store opened in Nanjing on Friday. IC Photo\n", [(1, 40)]),
    ("The store opened in Nanjing on Friday, IC Photo said.\n", []),
    ("Getty Images said it would license the photo.\n", []),
    ("The fire spread. John Smith / Getty Images\n", [(1, 18)]),
    ("Markets rose.\n\nYou may also like\n\nLeave a Reply\n", [(3, 1), (5, 1)]),
    ("Markets rose.\n\nYou may also like this story.\n", []),
    ("Markets rose.\n\nAdvertisement\n\nMarkets fell.\n", [(3, 1)]),
    ("The firm's advertisement ran on Monday.\n", []),
    ("Markets rose. Subscribe to our newsletter for more.\n", [(1, 15)]),
    ("He urged readers to subscribe to our newsletter.\n", []),
    ("Markets rose. Reproduction without permission is prohibited.\n", [(1, 15)]),
    ("Read more: China's AI ascent\n", [(1, 1)]),
    ("Read more about it in the report.\n", []),
    ("Copyright © 2024 Example Media. All rights reserved.\n", [(1, 1)]),
    ("Markets rose. Photo: Reuters\n", [(1, 15)]),
    ('He was told to "click here to claim" the prize.\n', []),
    (
        "Markets rose.\n\nRecommended Video:\n\nSubscribe now for unlimited access\n",
        [(3, 1), (5, 1)],
    ),
    ("Markets rose.\n\nThe video was recommended to subscribers now.\n", []),
]

ALL_CASES = [
    *cases("FL601", FL601),
    *cases("FL602", FL602),
    *cases("FL603", FL603),
    *cases("FL604", FL604),
    *cases("FL605", FL605),
    *cases("FL606", FL606),
    *cases("FL607", FL607),
    *cases("FL608", FL608),
    *cases("FL609", FL609),
    *cases("FL610", FL610),
    *cases("FL611", FL611),
]


@pytest.mark.parametrize(("rule_id", "text", "expected"), ALL_CASES)
def test_rule_table(rule_id: str, text: str, expected: list[tuple[str, int, int]]) -> None:
    assert run_rule(rule_id, text) == expected


@pytest.mark.parametrize(("text", "expected"), FL607_SPANISH)
def test_misspelling_skips_articles_in_other_languages(text: str, expected: list[object]) -> None:
    assert run_rule("FL607", text, meta={"lang": "es"}) == expected
    assert run_rule("FL607", "Ella dijo que buisness.", meta={"lang": "es"}) == []


@pytest.mark.parametrize(
    ("rule_id", "text", "fixed"),
    [
        ("FL601", "The fundâ€™s growth and cafÃ© and Â£4.", "The fund’s growth and café and £4."),
        ("FL601", "The bridge鈥檚 collapse, 鈥淭he search.", "The bridge’s collapse, “The search."),
        (
            "FL603",
            "The minis\u200btry rose\x07 and page\x0cbreak.",
            "The ministry rose and page break.",
        ),
        (
            "FL604",
            "For years,the story.However, it held,and fell in 2024,when it ended.",
            "For years, the story. However, it held, and fell in 2024, when it ended.",
        ),
        (
            "FL604",
            "That is what thegovernment said inthe end.",
            "That is what the government said in the end.",
        ),
        (
            "FL604",
            "The U.S.officials said:“We act.” It ended in2022. Prices rose 3%.The end.",
            "The U.S. officials said: “We act.” It ended in 2022. Prices rose 3%. The end.",
        ),
        ("FL605", "Most of\nof the the money.", "Most of the money."),
        ("FL607", "Buisness and buisness. Recieved it.", "Business and business. Received it."),
    ],
)
def test_fixes(rule_id: str, text: str, fixed: str) -> None:
    findings = rule_findings(rule_id, text)
    assert findings and all(f.fix is not None for f in findings)
    new_text, applied = apply_fixes(text, [f.fix for f in findings if f.fix is not None])
    assert new_text == fixed
    assert len(applied) == len(findings)


def test_misspelling_with_several_suggestions_has_no_fix() -> None:
    (finding,) = rule_findings("FL607", "Alot of people came.")
    assert finding.message == "'Alot' is a common misspelling of 'A lot' or 'Allot'"
    assert finding.fix is None


def test_messages() -> None:
    assert rule_findings("FL601", "The fundâ€™s growth.")[0].message == (
        "mojibake 'â€™' (probably '’')"
    )
    assert rule_findings("FL605", "Most of\nof it.")[0].message == "doubled word 'of of'"
    assert rule_findings("FL608", "Counterfeit consciousness rose.")[0].message == (
        "'Counterfeit consciousness' looks like a spun 'artificial intelligence' (tortured phrase)"
    )
    assert rule_findings("FL609", "The fund (worth more.")[0].message == (
        "'(' is never closed in this paragraph"
    )
    assert rule_findings("FL610", "He said it,” and left.")[0].message == (
        "'”' closes a '“' that was never opened in this paragraph"
    )
    assert rule_findings("FL611", "Markets rose.\n\nYou may also like\n")[0].message == (
        "'You may also like' looks like a related-articles box left from a web page"
    )


def test_every_dictionary_entry_is_found_in_the_grouped_index() -> None:
    """Both ways FL607 reads codespell's dictionary (the plain entries a process without
    a start-up store splits, the grouped index a store keeps) answer every entry exactly
    as the line-by-line {wrong: right} mapping does, and nothing else."""
    import functools

    from factlint.checks import misspelling

    text = misspelling._dictionary_file().read_text(encoding="utf-8")
    plain = dict(line.split("->", 1) for line in text.splitlines() if "->" in line)
    assert len(plain) > 60_000
    assert misspelling._entries(text) == plain
    grouped = functools.partial(misspelling._in_group, misspelling._index(text))
    for wrong, right in plain.items():
        assert grouped(wrong) == right, wrong
        expected = tuple(s.strip() for s in right.split(",") if s.strip()) or None
        if wrong in misspelling.ALLOWED or (
            len(wrong) < 4 and wrong not in misspelling.SHORT_TYPOS
        ):
            expected = None
        assert misspelling.suggestions_for(wrong) == expected, wrong
    for absent in ("business", "the", "buisnes", "buisness->business", "recieved\n"):
        assert misspelling.suggestions_for(absent) is None
        assert grouped(absent) is None


@pytest.mark.parametrize(
    ("text", "entries"),
    [
        ("teh->the\nadn->and\n", {"teh": "the", "adn": "and"}),
        ("teh->the\nadn->and", {"teh": "the", "adn": "and"}),  # no last line break
        ("teh->the\nno arrow\nx->y->z\n", {"teh": "the", "x": "y->z"}),  # as many arrows
        ("teh->the\r\nadn->and\r\n", {"teh": "the", "adn": "and"}),
        ("teh->the\u2028adn->and\n", {"teh": "the", "adn": "and"}),
        ("", {}),
    ],
)
def test_dictionary_lines_are_split_as_line_by_line(text: str, entries: dict[str, str]) -> None:
    """The one split in C is taken only where it pairs as reading line by line does."""
    from factlint.checks import misspelling

    assert misspelling._entries(text) == entries


def test_ftfy_badness_pattern_is_read_without_importing_ftfy(tmp_path: Path) -> None:
    """FL601 takes ftfy's badness pattern from its module run on its own, the pattern
    ftfy itself uses; a module that cannot run alone is imported as usual."""
    from ftfy import badness

    from factlint.checks import mojibake
    from factlint.startup_store import package_file

    alone = mojibake._badness_module(package_file("ftfy", "badness.py"))
    assert alone is not badness
    assert (alone.BADNESS_RE.pattern, alone.BADNESS_RE.flags) == (
        badness.BADNESS_RE.pattern,
        badness.BADNESS_RE.flags,
    )
    relative = tmp_path / "badness.py"
    relative.write_text("from .chardata import CHARS\nBADNESS_RE = None\n", encoding="utf-8")
    assert mojibake._badness_module(relative) is badness
