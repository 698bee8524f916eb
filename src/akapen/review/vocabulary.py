"""The words the review reads, as data. Extend these tables, not the code that applies them.

Patterns are matched on the text as written; alternatives cover 表記ゆれ (ただちに/直ちに, 又は/または,
何ら/何等) so a cosmetic rewrite never reads as a change of meaning. Which way a change cuts follows
from these tables and the frame it stands in (:mod:`akapen.review.rules`), never from a word alone.
"""

from __future__ import annotations

import re

# ---------------------------------------------------------------------------------------------------------
# Modality: how a clause ends says what it does to its actor.

POLARITY: dict[str, int] = {
    "right": 1,
    "entitlement": 1,
    "exemption": 1,
    "cap": 1,
    "grant": 1,  # 「乙は、甲に対し…許諾する」: a right of the grantee (the frame's actor is the grantee)
    "duty": -1,
    "prohibition": -1,
    "negated-right": -1,
    "deemed": -1,
    "effort": -1,
}
"""+1: the frame is good for its actors; −1: it binds them (DOMAIN.md, "Who a change favours")."""

_POLITE = r"(?:ものと(?:する|します|し))?"
MODALITIES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "exemption",
        re.compile(
            r"ものでは(?:ない|なく|ありません)$|(?:責任|義務|債務)を(?:一切)?負(?:わない|いません|わず|わないもの)|を免れ(?:る|ます)|免責され|(?:を|は)要し(?:ない|ません)|必要とし(?:ない|ません)|を負わない"
            + _POLITE
            + "$"
        ),
    ),
    # 「貸主は、これを借主に返還しない」: an owed performance negated frees its debtor (not a promise
    # to refrain, like 「著作者人格権を行使しない」).
    (
        "exemption",
        re.compile(
            r"(?:返還|返金|支払|賠償|補償|負担|弁済|払い戻)(?:し|わ|さ)?(?:ない|ません)" + _POLITE + "$"
        ),
    ),
    (
        "effort",
        re.compile(r"努め(?:る|ます|なければならない)" + _POLITE + "$|努力(?:する|します)" + _POLITE + "$"),
    ),
    # 「…を支払うものとし、これをもって解除に伴う一切の清算とする」: nothing more is owed.
    # 「…破棄に代えて、秘密として保持することで足りるものとする」: less than the duty satisfies it.
    (
        "cap",
        re.compile(
            r"をもって[^。]{0,20}?(?:清算|精算)と(?:する|します|し)$|(?:をもって|ことで|ことにより|すれば|れば)足り(?:る|ます)"
            + _POLITE
            + "$"
        ),
    ),
    ("cap", re.compile(r"(?:上限|限度)と(?:する|します|し|なる)" + _POLITE + "$|を超えない" + _POLITE + "$")),
    ("negated-right", re.compile(r"でき(?:ない|ません|ず)" + _POLITE + "$|し得ない$")),
    (
        "prohibition",
        re.compile(
            r"(?:て|で)は(?:ならない|なりません|ならず)"
            + _POLITE
            + "$|禁止(?:する|します|され)"
            + _POLITE
            + "$|(?<![問構ま])(?:し|わ|せ|さ)ない"  # 「…を問わない」「…かまわない」: no act
            + _POLITE
            + "$"
        ),
    ),
    ("right", re.compile(r"(?:でき(?:る|ます)?|妨げない|妨げません)" + _POLITE + "$")),
    ("grant", re.compile(r"(?:許諾|付与)(?:する|します|し)" + _POLITE + "$")),
    ("entitlement", re.compile(r"(?:帰属|移転|留保)(?:する|します|される|されます|し)" + _POLITE + "$")),
    ("entitlement", re.compile(r"の共有と(?:する|し|します)")),
)
"""Checked in order on a clause's end; a clause with an actor that matches none states a duty."""
# 「「秘密情報」とは、…をいい、…を問わない」, 「本契約は、…を目的とする」: a definition or a statement of
# purpose binds no one by itself; the clauses that use the term do.
DESCRIPTIVE = re.compile(r"」とは、|をいい、|をいう$|をいいます$|を意味する$|を目的と(?:する|します)$")
DEFINED_TERM = re.compile(r"「(?P<term>[^「」]{1,20})」とは、")
DEEMED_BY_SILENCE = re.compile(
    r"な(?:い|かった)(?:とき|場合)[^。]*?(?:更新され|延長され|成立する|成立したもの)"
)
"""「…までに解約の手続を行わないときは、利用契約は…自動的に更新される」: silence taken as consent."""
DISCRETION = re.compile(r"(?:その|自ら?の|自己の)判断(?:で|により|において|に基づき|と)")
"""「B社がその判断と費用負担において行う」: an act at the actor's own discretion is a right, not a duty."""
DEEMED = re.compile(
    r"(?:みな|見な|看做)(?:す|します|される|し(?=[、。]|$))"
    r"|(?:同意|承諾|承認|合格)(?:した|された|があった)ものと(?:する|します|し(?!て))"
    r"|(?:した|された|があった)ものとして(?:取り)?扱(?:う|います|われます)"  # 「…検収が完了したものとして取り扱う」
)
FULLWIDTH_COMMA = re.compile(r"(?<![0-9０-９])，|，(?![0-9０-９])")
HOME_COURT = r"の(?:本店|本社)?(?:所在地|住所地?)を管轄する[^、。]{0,6}裁判所"
"""After a party's name: the court of its seat (「甲の本店所在地を管轄する地方裁判所」)."""
DECIDES = r"(?:の(?:選択|指定|裁量)|が(?:選択|指定|決定)(?:する|した|し))"
"""After a party's name: that party chooses (「ベンダの選択により」, 「ユーザが指定する方法により」)."""
DEEMED_OF_ANOTHER = re.compile(
    r"(?P<who>[^、。「」はがを]{1,12}?)の(?:同意|承諾|承認|合意)が(?:あった|得られた)ものと"
)
"""「当社は、…法定代理人の同意があったものとみなします」: whose consent is deemed, when not the topic's."""
# 「３　前項の規定は、当社に故意又は重大な過失がある場合には適用しません。」: a 項 of its own that lifts
# the frame of the 項 before, as a ただし書 would.
EXCEPTION_PARAGRAPH = re.compile(
    r"^\s*(?:前項|前各項|前二項|同項)(?:の規定|に定める[^、。]{0,12})?は、.*(?:適用し(?:ない|ません)|適用され(?:ない|ません))(?:ものと(?:する|します))?。?$"
)
PROVISO = re.compile(r"^\s*ただし、")
EXCEPTION_SENTENCE = re.compile(r"^\s*ただし.*この限りで(?:ない|はない|ありません|はありません)")
"""A ただし書 that lifts the sentence before it: it narrows that frame."""
CITES_BEFORE = re.compile(r"前項|前条|前各項|前二項|同項")
"""A clause about the 項 before it (「前項の損害賠償の額は」): its frame is that 項's."""
ANCILLARY = re.compile(
    r"^\s*(?:この場合(?:において)?|この場合には|前(?:項|各項|二項|条)の規定にかかわらず)、"
)
"""A sentence that qualifies what stands before it (「この場合、」, 「前項の規定にかかわらず、」) weighs half."""
ON_REQUEST = re.compile(
    r"(?:求め|要求|請求)に応じ|(?:から|より)?求められたとき|求めがあったとき|要求があったとき"
)
CONTINUATIVE = re.compile(r"(?:し|り|い|き|ぎ|ち|び|み|え|け|せ|て|で|ものとし|うえ|上)、$")
# 「…遂行するとともに」「…遵守させるとともに」: a verb in its plain form, then とともに (never a noun: 「甲とともに」).
COORDINATE = re.compile(r"[うくすつぬふむゆるぐずづぶぷ]とともに、")
CONTINUATIVE_COMMA = re.compile(r"(?:(?<![対関際])し|(?<![よ])り|い|ち|び|み|え|け|せ|ものとし)、")
"""A verb's continuative form before a comma (「行い、」「通知し、」), not a particle phrase (「に対し、」「により、」)."""
# Classes are written as "not hiragana" rather than as kanji/katakana ranges: a 20,000-character range
# costs every run a millisecond or two to compile.
_NOT_KANA = r"[^\sぁ-ん、。「」『』（）()]"
RELATIVE = re.compile(rf"(?:した|する|される|された|った|いた){_NOT_KANA}{{1,6}}(?:の|を|に|は|が|、|$)")
"""「ホクトがカワセミに支払った委託料の額」: a が inside a clause that modifies a noun is no subject."""
NOUN_END = re.compile(rf"(?:{_NOT_KANA}|とき|場合|こと|もの)$")
"""A clause that ends in a noun (体言止め: 「…する行為」「…違反したとき」) has no predicate of its own."""
CLAUSE_JOINT = re.compile(r"ものとし、|なければならず、|ものとするとともに、")
"""Where one clause ends and the next begins, even when the next opens with its own condition."""
CONDITION_END = re.compile(r"(?:場合(?:には|は|に|において)?|とき(?:には|は|に)?|際(?:には|は)?|限り)、")

# ---------------------------------------------------------------------------------------------------------
# Terms inside a clause that narrow, widen, burden or free it.

MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # Freeing comes first: 「催告をすることなく」 must not also count as a 催告 burden.
    (
        "free",
        re.compile(
            r"(?:事前に|あらかじめ)?[^、。]{0,8}?(?:催告|通知)(?:を|等を)?(?:要せず|要しない|要することなく|することなく|をすることなく|せずに|なく|なしに)|無償で|無料で|費用を負担することなく"
        ),
    ),
    (
        "carveout",
        re.compile(
            r"[^、。]{0,20}?故意(?:又は|または|若しくは|もしくは|・|及び)(?:重過失|重大な過失)[^、。]{0,20}?(?:場合を除き|を除き|を除く|場合は、この限りで)"
        ),
    ),
    (
        "knowledge",
        re.compile(
            r"知り(?:、)?(?:又は|または)(?:、)?(?:重大な過失|重過失|過失)によ(?:り|って)(?:これを)?知らなかった|知りながら"
        ),
    ),
    ("demand", re.compile(r"相当の期間を定めて[^、。]{0,10}?催告し|催告した(?:にもかかわらず|うえ|上)")),
    # 「甲の承諾なく…してはならない」: the prohibition holds only where the other has not consented;
    # 「甲の承諾なく…できる」: the right needs no consent. Either way the words are the actor's gain.
    (
        "unconsented",
        re.compile(
            r"(?:事前の)?(?:書面(?:による|で|での)の?)?(?:承諾|同意|許可|許諾|了承)"
            r"(?:なく|なしに|を得ず(?:に)?|を得ないで|を得ることなく)"
        ),
    ),
    (
        "consent",
        re.compile(
            r"(?:書面による|事前の)?(?:承諾|同意)を得(?:た|て|ること|なければ)|協議の上|協議して|協議により"
        ),
    ),
    (
        "narrow",
        re.compile(
            r"場合に限り|に限り|に限る|に限ります|に限られ|に限定|のみ|条件として|ことを条件に|実質的に|を除き|を除いて|を除く|"
            r"合理的な範囲|可能な範囲|許される範囲|許容される範囲|できる限り|非独占|を目途と(?:して|し)|を目途に|を目標と(?:して|し)|目安として"
        ),
    ),
    (
        "widen",
        re.compile(
            r"(?<!非)独占的|に加え(?:て)?、?|いつでも|自由に|一切の?|[^、。]{0,8}?を問わず|理由の如何|を含む|を含み|を含みます|その他[^、。]{0,6}?が(?:適当|必要|不適切)と判断"
        ),
    ),
    ("burden", re.compile(r"書面(?:で|により|による|をもって)|事前に|あらかじめ")),
    # The inspection standard is the inspecting party's yardstick for rejecting what it receives.
    ("yardstick", re.compile(r"基準")),
)
"""(class, pattern). ``narrow``/``carveout``/``knowledge`` make the frame smaller, ``widen`` larger;
``burden``/``demand``/``consent`` make acting on it harder for its actor, ``free`` easier;
``unconsented`` (承諾なく) lifts a prohibition where consent is given, or a right's need of it."""
NARROWING = frozenset({"narrow", "carveout", "knowledge"})
MARKER_WEIGHT: dict[str, float] = {"burden": 0.5}
"""A formality (書面で, 事前に) weighs less than a change of what may or must be done."""
BURDENS = frozenset({"burden", "demand", "consent"})
AIDS = frozenset({"free", "yardstick"})
"""Having these helps the actor act: 「催告を要せず」, an agreed 基準 to inspect by."""

# ---------------------------------------------------------------------------------------------------------
# Time words and quantities.

TIMING: dict[str, int] = {
    "に先立ち": 5,  # before the event it times (「開示に先立ち」): earlier than at once after it
    "に先立って": 5,
    "直ちに": 4,
    "ただちに": 4,
    "即時に": 4,
    "即座に": 4,
    "速やかに": 3,
    "すみやかに": 3,
    "遅滞なく": 2,
    "遅滞無く": 2,
    "合理的期間内に": 1,
    "合理的な期間内に": 1,
    "相当の期間内に": 1,
}
"""直ちに is stricter than 速やかに, which is stricter than 遅滞なく (DOMAIN.md). Higher = stricter."""
TIMING_CANONICAL = {
    "に先立って": "に先立ち",
    "ただちに": "直ちに",
    "即座に": "即時に",
    "すみやかに": "速やかに",
    "遅滞無く": "遅滞なく",
    "合理的な期間内に": "合理的期間内に",
}
TIMING_WORDS = re.compile("|".join(re.escape(w) for w in sorted(TIMING, key=len, reverse=True)))

NUMBER = r"[0-9０-９]+|[一二三四五六七八九十百]+"
UNIT_DAYS: dict[str, float] = {
    "日": 1,
    "営業日": 1.4,
    "週間": 7,
    "か月": 30,
    "ヶ月": 30,
    "カ月": 30,
    "ケ月": 30,
    "箇月": 30,
    "ヵ月": 30,
    "月": 30,
    "年": 365,
    "時間": 1 / 24,
}
PERIOD = re.compile(
    rf"(?P<n>{NUMBER})\s*(?P<unit>営業日|日|週間|か月|ヶ月|カ月|ケ月|箇月|ヵ月|年|時間)"
    r"(?P<kind>以内|以上前|前まで|前に|前|間|以上|を経過した後|を経過した日以降|経過後|を経過|が経過)"
)
"""A length of time: 6か月以内, 1年間, 10日前まで. Dates (2026年4月1日) do not match: no 以内/間/前 follows."""
PERIOD_KINDS: dict[str, str] = {
    "以内": "deadline",
    "を経過": "deadline",
    "が経過": "deadline",
    "以上前": "advance",
    "前まで": "advance",
    "前に": "advance",
    "前": "advance",
    "間": "duration",
    "以上": "minimum",
    "を経過した後": "delay",
    "経過後": "delay",
    "を経過した日以降": "delay",
}
WIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")
RATE = re.compile(
    r"(?:年(?:率)?)?\s*(?P<n>[0-9０-９]+(?:[.．][0-9０-９]+)?)\s*(?:パーセント|％|%)|(?P<legal>法定利率)"
)
LEGAL_RATE = 3.0
"""民法404条: the legal rate (年3%, reviewed every three years) stands in for 「法定利率」."""
AMOUNT = re.compile(r"(?P<n>[0-9０-９][0-9０-９,，]*)\s*(?P<unit>万円|億円|円)")
AMOUNT_OF_PERIOD = re.compile(rf"(?P<n>{NUMBER})\s*(?P<unit>か月|ヶ月|カ月|ケ月|箇月|日|年)分")
"""「3か月分の賃料相当額」: an amount measured in periods of rent or fees."""
PAYMENT = re.compile(r"支払|支払い|負担|返還|返金|払い戻|償却")
"""A verb that pays: an amount it governs is borne by the clause's actor."""
AMOUNT_UNITS = {"円": 1.0, "万円": 10_000.0, "億円": 100_000_000.0}
DUE = re.compile(
    r"(?P<month>翌月の翌月|翌々月|翌翌月|翌月|当月|同月|毎月|受領月|請求月|月)(?:の)?(?:末日|末|(?P<day>[0-9０-９]+)日)"
)
"""A payment or report date: its value is days after the month's start (翌月10日 = 40, 翌月末日 = 60)."""
# 「午後3時までに受信した出荷指示に係る貨物を当日中に出荷する」: a cut-off bounds what the duty covers
# (what arrives by then); a later one covers more.
CUTOFF = re.compile(
    r"(?P<half>午前|午後)?(?P<h>[0-9０-９]{1,2})時(?:(?P<m>[0-9０-９]{1,2})分)?(?:まで|以前)に"
    r"(?=[^、。]{0,6}?(?:(?:受信|受領|受付|到達|到着)(?:した|された)|(?:受け付け|受け|届い)た))"
)
NEXT_DAY = re.compile(r"(?P<word>当日|翌日|翌営業日)(?:以内|まで|中)")
NEXT_DAY_DAYS: dict[str, float] = {"当日": 0.5, "翌日": 1, "翌営業日": 1.4}
"""「翌営業日以内に着手する」: a deadline named, not counted."""
DUE_MONTHS: dict[str, float] = {"翌月": 1, "翌々月": 2, "翌翌月": 2, "翌月の翌月": 2}
"""Months after the one the period counts from; any other month word (当月, 受領月の末日, 毎月25日) is 0."""
DATE = re.compile(
    r"(?P<y>[0-9０-９]{4})年(?P<m>[0-9０-９]{1,2})月(?P<d>[0-9０-９]{1,2})日(?:まで|以内|限り|を目途)"
)
"""A calendar deadline (「２０２６年４月３０日までに」): a later one gives its actor more time."""
INTERVAL = re.compile(r"毎(?P<every>日|週|月|年)|前(?P<last>日|週|月|年)分|(?P<quarter>四半期)ごと")
INTERVAL_DAYS: dict[str, float] = {"日": 1, "週": 7, "月": 30, "年": 365, "四半期": 91}
"""How often a duty recurs (毎週 → 毎月): a longer interval is a lighter duty."""
FRACTION = re.compile(r"(?P<den>[0-9０-９]+)(?P<scale>万|千|百)?分の(?P<num>[0-9０-９]+)")
FRACTION_SCALE: dict[str, float] = {"万": 10_000, "千": 1_000, "百": 100}
"""「請負代金の額の１万分の３」: a rate written as a fraction."""
DEDUCTION = re.compile(r"控除|差し引|差引")
"""An amount the actor may deduct from what it owes lightens its duty."""
START = re.compile(
    r"(?P<start>納入|納品|引渡し|引き渡し|受領|検収(?:完了日|が完了した日|完了)?|発見|判明した(?:日|時)|"
    r"知った(?:日|時)|通知(?:した日)?)(?:の日)?から"
)
LATE_START = re.compile(r"発見|判明|知った")
"""Start points that depend on when a party learns of something: a period from them ends later than
one from delivery (納入, 引渡し, 検収…)."""

# ---------------------------------------------------------------------------------------------------------
# A party's name swapped for the other's in a clause: whoever is named now decides, or bears.

BURDEN_NOUNS = re.compile(r"^(?:の)?(?:負担|費用|責め|責任|危険)")
"""After a party's name these make the name a burden (「乙の負担とする」): naming the other helps."""

# ---------------------------------------------------------------------------------------------------------
# Lists whose scope matters.

REMEDIES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("返品", re.compile(r"返品")),
    ("交換", re.compile(r"交換")),
    ("修補", re.compile(r"修補|修理")),
    ("追加納品", re.compile(r"追加納品|不足分の(?:納品|引渡し)")),
    ("代替品の納入", re.compile(r"代替品|代替物")),
    ("代金減額", re.compile(r"代金(?:の)?減額|減額")),
    ("損害賠償", re.compile(r"損害賠償")),
    ("解除", re.compile(r"解除")),
)
EXCLUDING_LIST = re.compile(r"含まれない|含みません|該当しない|除く|適用しない|この限りでない")
"""A 柱書 whose items are exceptions: an item added there narrows the frame instead of widening it."""

REFERENCE_GIVES_EFFECT = re.compile(r"存続|効力を有|有効に|なお効力|適用")
"""A clause that keeps cited articles alive or applies them: citing the wrong one drops the right one."""
EITHER_PARTY = re.compile(r"(?:[^、。]{0,20}?(?:た|する|の))?(?:各|両|いずれの|いずれかの)?当事者は、")
"""A clause whose subject is 「当事者」 binds or empowers either party alike."""
PER_PARTY = "については"
"""「A社については5年間、B社については3年間」: a quantity that holds for one party only."""
ALTERNATIVE = re.compile(r"又は|または|若しくは|もしくは|及び|および|並びに|ならびに")
"""What joins the cases of a list in one sentence (表記ゆれ alike, so 又は → または changes nothing)."""
SURVIVES = re.compile(r"(?:終了|失効|解除)[^。]{0,40}(?:なお効力を有|存続|有効に存続)")
"""A clause that keeps articles alive after the contract ends (a survival clause)."""
ARTICLE_RANGE = re.compile(
    r"第(?P<first>[0-9０-９]+|[一二三四五六七八九十]+)条(?![の0-9０-９]*項)(?!の[0-9０-９一二三四五六七八九十])"
    r"(?:(?:から|ないし|～|〜)第(?P<last>[0-9０-９]+|[一二三四五六七八九十]+)条(?:まで)?)?"
)
VALIDITY = re.compile(r"(?P<thing>[^、。「」はの]{1,12})の有効期間は")
"""「ポイントの有効期間は」: how long a thing one party gives the other lasts."""

# ---------------------------------------------------------------------------------------------------------
# Courts and where the parties sit: a 合意管轄 moved to the other party's home court hurts the party
# that must now travel to it.

PREFECTURES = (
    "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県", "群馬県", "埼玉県",
    "千葉県", "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県", "岐阜県", "静岡県",
    "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県", "鳥取県", "島根県", "岡山県",
    "広島県", "山口県", "徳島県", "香川県", "愛媛県", "高知県", "福岡県", "佐賀県", "長崎県", "熊本県", "大分県",
    "宮崎県", "鹿児島県", "沖縄県",
)  # fmt: skip
PREFECTURE = re.compile("|".join(PREFECTURES))

COURT_SEATS: dict[str, str] = {
    "札幌": "北海道", "函館": "北海道", "旭川": "北海道", "釧路": "北海道", "青森": "青森県", "盛岡": "岩手県",
    "仙台": "宮城県", "秋田": "秋田県", "山形": "山形県", "福島": "福島県", "水戸": "茨城県", "宇都宮": "栃木県",
    "前橋": "群馬県", "さいたま": "埼玉県", "浦和": "埼玉県", "千葉": "千葉県", "東京": "東京都", "立川": "東京都",
    "横浜": "神奈川県", "川崎": "神奈川県", "新潟": "新潟県", "富山": "富山県", "金沢": "石川県", "福井": "福井県",
    "甲府": "山梨県", "長野": "長野県", "岐阜": "岐阜県", "静岡": "静岡県", "浜松": "静岡県", "名古屋": "愛知県",
    "津": "三重県", "大津": "滋賀県", "京都": "京都府", "大阪": "大阪府", "堺": "大阪府", "神戸": "兵庫県",
    "奈良": "奈良県", "和歌山": "和歌山県", "鳥取": "鳥取県", "松江": "島根県", "岡山": "岡山県", "広島": "広島県",
    "山口": "山口県", "徳島": "徳島県", "高松": "香川県", "松山": "愛媛県", "高知": "高知県", "福岡": "福岡県",
    "北九州": "福岡県", "小倉": "福岡県", "佐賀": "佐賀県", "長崎": "長崎県", "熊本": "熊本県", "大分": "大分県",
    "宮崎": "宮崎県", "鹿児島": "鹿児島県", "那覇": "沖縄県",
}  # fmt: skip
"""The seat (city) a court is named by → its prefecture: the 50 地方裁判所 and the 簡易裁判所 of the
larger cities. A court not listed is not placed."""
COURT = re.compile(
    "(?<![一-龥々])(?P<seat>"  # 沼津簡易裁判所 is not 津's
    + "|".join(sorted(COURT_SEATS, key=len, reverse=True))
    + r")(?:地方|簡易)裁判所(?:[^\s、。]{1,6}支部)?"
)
SEAT_LABEL = re.compile(r"[\s\u3000（）()【】\[\]「」:：]|本店所在地|所在地|本店|住所")
"""What stands around a party's name in front of its address in a signature block."""
