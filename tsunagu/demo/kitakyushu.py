"""The Kitakyushu story of ../shared/seed/kitakyushu-clair-article.txt as demo records.

What the article (an officer of the International Policy Division writing in
2012) states is kept as stated. Dates of agreements come from the city's
public pages where noted. Everything else — amounts, exact periods, the
Cambodian cities chosen as the "9 main cities", most project titles outside
the article — is invented to make the picture believable and is flagged:
``is_sample=True`` on invented records, and the note "金額はデモ用のサンプル" on
every budget line whose amount the article does not give.

Numbers other code relies on (keep them true when editing):
- the network 東アジア経済交流推進機構 has 10 member cities;
- 17 projects carry a CLAIR model-project budget line (``CLAIR_MODEL_PROJECT``)
  in FY2011 or earlier; in FY2010 exactly the two the article names;
- the FY2011 LGOTP project hosts trainees from Hai Phong, Kunming and Chelyabinsk.
"""

from __future__ import annotations

import datetime

from .specs import (
    JICA_GRASSROOTS,
    LGOTP,
    MOE_CITY_TO_CITY,
    SAMPLE_AMOUNT,
    WATER_ACCOUNT,
    AgreementSpec,
    DepartmentSpec,
    LinkSpec,
    MemberSpec,
    NetworkSpec,
    OrganisationSpec,
    PlaceSpec,
    ProjectSpec,
    Revision,
    UserSpec,
    at,
    city,
    clair_model,
    foreign,
    org,
    partner_money,
    program,
    yearly_city,
)

D = datetime.date

DEMO_PASSWORD = "tsunagu-demo"  # noqa: S105 - documented demo password, printed by demo_logins
CHANGE_REASON = "デモデータの読み込み"

ARTICLE = "出典: 北九州市国際政策課「北九州市におけるCLAIRを活用した海外事業の展開について」（2012年）。"

# ---------------------------------------------------------------------------
# Departments: 局 → 部 → 課
# ---------------------------------------------------------------------------

DEPARTMENTS: tuple[DepartmentSpec, ...] = (
    DepartmentSpec("somu-kikaku", "総務企画局", "General Affairs and Planning Bureau", "bureau"),
    DepartmentSpec("kokusai", "国際部", "International Affairs Department", "department", "somu-kikaku"),
    DepartmentSpec(
        "kokusai-seisaku", "国際政策課", "International Policy Division", "section", "kokusai",
        is_international_division=True,
    ),
    DepartmentSpec("kokusai-koryu", "国際交流課", "International Exchange Section", "section", "kokusai"),
    DepartmentSpec("joho-seisaku", "情報政策部", "Information Policy Department", "department", "somu-kikaku"),
    DepartmentSpec("joho-seisaku-ka", "情報政策課", "Information Policy Section", "section", "joho-seisaku"),
    DepartmentSpec("kankyo", "環境局", "Environment Bureau", "bureau"),
    DepartmentSpec(
        "kankyo-kokusai", "環境国際経済部", "International Environment and Economy Department",
        "department", "kankyo",
    ),
    DepartmentSpec(
        "kankyo-kokusai-senryaku", "環境国際戦略課", "International Environmental Strategy Section",
        "section", "kankyo-kokusai",
    ),
    DepartmentSpec(
        "asia-low-carbon", "アジア低炭素化センター", "Asian Center for Low Carbon Society",
        "section", "kankyo-kokusai",
    ),
    DepartmentSpec("kankyo-kanshi", "環境監視部", "Environmental Monitoring Department", "department", "kankyo"),
    DepartmentSpec("kankyo-kanshi-ka", "環境監視課", "Environmental Monitoring Section", "section", "kankyo-kanshi"),
    DepartmentSpec("junkan", "循環社会推進部", "Resource Recycling Department", "department", "kankyo"),
    DepartmentSpec("junkan-ka", "循環社会推進課", "Resource Recycling Section", "section", "junkan"),
    DepartmentSpec("suido", "上下水道局", "Water and Sewer Bureau", "bureau"),
    DepartmentSpec("suido-kaigai-bu", "海外事業部", "Overseas Business Department", "department", "suido"),
    DepartmentSpec("suido-kaigai", "海外事業課", "Overseas Business Section", "section", "suido-kaigai-bu"),
    DepartmentSpec("suido-suido", "水道部", "Water Supply Department", "department", "suido"),
    DepartmentSpec("suido-josui", "浄水課", "Water Purification Section", "section", "suido-suido"),
    DepartmentSpec("suido-gesui", "下水道部", "Sewerage Department", "department", "suido"),
    DepartmentSpec("suido-gesui-keikaku", "下水道計画課", "Sewerage Planning Section", "section", "suido-gesui"),
    DepartmentSpec("shobo", "消防局", "Fire Bureau", "bureau"),
    DepartmentSpec("shobo-somu", "総務部", "General Affairs Department (Fire)", "department", "shobo"),
    DepartmentSpec("shobo-kikaku", "企画課", "Planning Section (Fire)", "section", "shobo-somu"),
    DepartmentSpec("shobo-keibo", "警防部", "Fire Defence Department", "department", "shobo"),
    DepartmentSpec("shobo-keibo-ka", "警防課", "Fire Defence Section", "section", "shobo-keibo"),
    DepartmentSpec("sangyo", "産業経済局", "Industrial Economy Bureau", "bureau"),
    DepartmentSpec("sangyo-seisaku", "産業政策部", "Industrial Policy Department", "department", "sangyo"),
    DepartmentSpec(
        "sangyo-kokusai", "国際ビジネス政策課", "International Business Policy Section", "section",
        "sangyo-seisaku",
    ),
    DepartmentSpec("sangyo-kanko", "観光部", "Tourism Department", "department", "sangyo"),
    DepartmentSpec("sangyo-kanko-ka", "観光課", "Tourism Section", "section", "sangyo-kanko"),
    DepartmentSpec("hoken", "保健福祉局", "Health and Welfare Bureau", "bureau"),
    DepartmentSpec("hoken-eisei", "保健衛生部", "Public Health Department", "department", "hoken"),
    DepartmentSpec("dobutsu-aigo", "動物愛護センター", "Animal Protection Center", "section", "hoken-eisei"),
    DepartmentSpec("kowan", "港湾空港局", "Port and Airport Bureau", "bureau"),
    DepartmentSpec("kowan-komei", "港営部", "Port Management Department", "department", "kowan"),
    DepartmentSpec("kowan-butsuryu", "物流振興課", "Logistics Promotion Section", "section", "kowan-komei"),
    DepartmentSpec("shimin", "市民文化スポーツ局", "Citizens, Culture and Sports Bureau", "bureau"),
    DepartmentSpec("shimin-bunka", "文化部", "Culture Department", "department", "shimin"),
    DepartmentSpec("shimin-bunka-kikaku", "文化企画課", "Culture Planning Section", "section", "shimin-bunka"),
)

# ---------------------------------------------------------------------------
# Demo users (password DEMO_PASSWORD for all). Names are invented.
# ---------------------------------------------------------------------------

USERS: tuple[UserSpec, ...] = (
    UserSpec("admin", "administrator", "古賀 健一", "Kenichi Koga", ("joho-seisaku-ka",)),
    UserSpec("kokusai", "coordinator", "井上 美咲", "Misaki Inoue", ("kokusai-seisaku",)),
    UserSpec("kankyo", "editor", "松尾 大輔", "Daisuke Matsuo", ("kankyo",)),
    UserSpec("suido", "editor", "中島 浩二", "Koji Nakashima", ("suido",)),
    UserSpec("shobo", "editor", "江口 翔太", "Shota Eguchi", ("shobo",)),
    UserSpec("etsuran", "viewer", "田中 由美", "Yumi Tanaka", ()),
)

# What each role may do, for the login table (both languages at once, so not gettext).
# The role names themselves are the choices of org.User.Role (see demo/logins.py).
ROLE_ABILITIES = {
    "administrator": ("すべて編集、利用者管理", "edits all; users"),
    "coordinator": ("全部局の記録・協定を編集、復元", "edits all; restores"),
    "editor": ("自局（配下を含む）の事業を編集", "edits own bureau's projects"),
    "viewer": ("閲覧のみ", "reads only"),
}

# ---------------------------------------------------------------------------
# Places
# ---------------------------------------------------------------------------

_CAMBODIA_NINE = (
    "カンボジア主要9都市の水道基本計画の対象として登録。記事は9都市の名前を挙げていないため、"
    "対象都市の選定はデモ用のサンプル（実在の州都から選択）。"
)

PLACES: tuple[PlaceSpec, ...] = (
    # Japan: the city itself and the Japanese members of the East Asian network.
    PlaceSpec("kitakyushu", "JP", "北九州", "Kitakyushu", "北九州", "33.883417", "130.875194",
              notes="本市。東アジア経済交流推進機構の会員都市として登録。", is_home=True),
    PlaceSpec("shimonoseki", "JP", "下関", "Shimonoseki", "下関", "33.957778", "130.941389"),
    PlaceSpec("fukuoka", "JP", "福岡", "Fukuoka", "福岡", "33.590278", "130.401667"),
    # China
    PlaceSpec("dalian", "CN", "大連", "Dalian", "大连", "38.914003", "121.614682",
              notes="1979年に友好都市。駐大連北九州市経済事務所あり。"),
    PlaceSpec("qingdao", "CN", "青島", "Qingdao", "青岛", "36.067108", "120.382609"),
    PlaceSpec("yantai", "CN", "煙台", "Yantai", "烟台", "37.463822", "121.447935"),
    PlaceSpec("tianjin", "CN", "天津", "Tianjin", "天津", "39.343357", "117.361648"),
    PlaceSpec("kunming", "CN", "昆明", "Kunming", "昆明", "25.038889", "102.718333",
              notes="2007年より下水道分野の研修団を受け入れ。"),
    # Korea
    PlaceSpec("incheon", "KR", "仁川", "Incheon", "인천", "37.456256", "126.705206",
              notes="1988年に姉妹都市（市の公表資料では「姉妹都市」）。"),
    PlaceSpec("busan", "KR", "釜山", "Busan", "부산", "35.179554", "129.075642"),
    PlaceSpec("ulsan", "KR", "蔚山", "Ulsan", "울산", "35.538377", "129.311360"),
    # Viet Nam
    PlaceSpec("haiphong", "VN", "ハイフォン", "Hai Phong", "Hải Phòng", "20.844912", "106.688084",
              notes="漢字表記: 海防。2009年に友好・協力協定、2014年4月に姉妹都市協定。", other_names="海防"),
    # Russia
    PlaceSpec("chelyabinsk", "RU", "チェリャビンスク", "Chelyabinsk", "Челябинск", "55.164442", "61.436843",
              notes="経済交流協定を締結（記事による）。"),
    # Cambodia
    PlaceSpec("phnompenh", "KH", "プノンペン", "Phnom Penh", "ភ្នំពេញ", "11.556374", "104.928207"),
    PlaceSpec("kampongcham", "KH", "コンポンチャム", "Kampong Cham", "កំពង់ចាម", "11.993400", "105.463500",
              notes="カンボジア主要9都市の一つとして登録。上水道拡張計画は本市の協力を基に実施。"),
    PlaceSpec("battambang", "KH", "バッタンバン", "Battambang", "បាត់ដំបង", "13.095700", "103.202200",
              notes="カンボジア主要9都市の一つとして登録。上水道拡張計画は本市の協力を基に実施。"),
    PlaceSpec("siemreap", "KH", "シェムリアップ", "Siem Reap", "សៀមរាប", "13.363300", "103.856400",
              notes=_CAMBODIA_NINE, is_sample=True),
    PlaceSpec("sihanoukville", "KH", "シアヌークビル", "Sihanoukville", "ព្រះសីហនុ", "10.609300", "103.529600",
              notes=_CAMBODIA_NINE, is_sample=True),
    PlaceSpec("kampot", "KH", "カンポット", "Kampot", "កំពត", "10.594200", "104.164000",
              notes=_CAMBODIA_NINE, is_sample=True),
    PlaceSpec("pursat", "KH", "ポーサット", "Pursat", "ពោធិ៍សាត់", "12.538800", "103.919200",
              notes=_CAMBODIA_NINE, is_sample=True),
    PlaceSpec("kampongthom", "KH", "コンポントム", "Kampong Thom", "កំពង់ធំ", "12.711100", "104.888700",
              notes=_CAMBODIA_NINE, is_sample=True),
    PlaceSpec("svayrieng", "KH", "スバイリエン", "Svay Rieng", "ស្វាយរៀង", "11.087700", "105.799400",
              notes=_CAMBODIA_NINE, is_sample=True),
    PlaceSpec("kratie", "KH", "クラチエ", "Kratie", "ក្រចេះ", "12.488100", "106.018800",
              notes=_CAMBODIA_NINE, is_sample=True),
    # Thailand
    PlaceSpec("chiangmai", "TH", "チェンマイ", "Chiang Mai", "เชียงใหม่", "18.788343", "98.985300",
              notes="2010年度CLAIRモデル事業（環境保護と観光産業振興）の相手都市。"),
    # More partners, plausible but not from the article.
    PlaceSpec("surabaya", "ID", "スラバヤ", "Surabaya", "Surabaya", "-7.257472", "112.752088",
              notes="実在の都市。本市との協力事業の内容・時期はデモ用の想定。", is_sample=True),
    PlaceSpec("davao", "PH", "ダバオ", "Davao", "Dabaw", "7.190708", "125.455341",
              notes="実在の都市。本市との協力事業の内容・時期はデモ用の想定。", is_sample=True),
    PlaceSpec("tacoma", "US", "タコマ", "Tacoma", "Tacoma", "47.252877", "-122.444290",
              notes="1959年、旧小倉市と姉妹都市（市の公表資料による）。"),
    PlaceSpec("norfolk", "US", "ノーフォーク", "Norfolk", "Norfolk", "36.850769", "-76.285873",
              notes="1959年、旧門司市と姉妹都市（市の公表資料による）。"),
)

# ---------------------------------------------------------------------------
# Organisations
# ---------------------------------------------------------------------------

ORGANISATIONS: tuple[OrganisationSpec, ...] = (
    OrganisationSpec("clair", "agency", "自治体国際化協会", "Council of Local Authorities for International Relations",
                     "CLAIR", "JP", website="https://www.clair.or.jp/",
                     notes="モデル事業（自治体国際協力促進事業）、LGOTP、専門家派遣などの支援メニューを提供。"),
    OrganisationSpec("jica", "agency", "国際協力機構", "Japan International Cooperation Agency", "JICA", "JP",
                     website="https://www.jica.go.jp/"),
    OrganisationSpec("jica-kyushu", "agency", "国際協力機構 九州センター", "JICA Kyushu", "JICA九州", "JP",
                     "kitakyushu", website="https://www.jica.go.jp/kyushu/"),
    OrganisationSpec("unido", "international", "国際連合工業開発機関", "United Nations Industrial Development Organization",
                     "UNIDO", website="https://www.unido.org/"),
    OrganisationSpec("oecd", "international", "経済協力開発機構",
                     "Organisation for Economic Co-operation and Development", "OECD", website="https://www.oecd.org/",
                     notes="2011年6月、本市を「グリーン成長モデル都市」に選定。"),
    OrganisationSpec("moe", "government", "環境省", "Ministry of the Environment", "MOE", "JP",
                     website="https://www.env.go.jp/"),
    OrganisationSpec("mic", "government", "総務省", "Ministry of Internal Affairs and Communications", "MIC", "JP",
                     website="https://www.soumu.go.jp/"),
    OrganisationSpec("mofa", "government", "外務省", "Ministry of Foreign Affairs of Japan", "MOFA", "JP",
                     website="https://www.mofa.go.jp/"),
    OrganisationSpec("jetro", "agency", "日本貿易振興機構", "Japan External Trade Organization", "JETRO", "JP",
                     website="https://www.jetro.go.jp/"),
    OrganisationSpec("cmu", "university", "チェンマイ大学", "Chiang Mai University", "CMU", "TH", "chiangmai",
                     website="https://www.cmu.ac.th/",
                     notes="2010年度CLAIRモデル事業でごみバンク調査を実施。"),
    OrganisationSpec("kita", "ngo", "北九州国際技術協力協会", "Kitakyushu International Techno-cooperative Association",
                     "KITA", "JP", "kitakyushu"),
    OrganisationSpec("iges", "university", "地球環境戦略研究機関", "Institute for Global Environmental Strategies",
                     "IGES", "JP", website="https://www.iges.or.jp/"),
    OrganisationSpec("kcci", "other", "北九州商工会議所", "Kitakyushu Chamber of Commerce and Industry", "", "JP",
                     "kitakyushu", notes="東アジア経済交流推進機構の会員団体。"),
    OrganisationSpec("fukuoka-pref", "local_government", "福岡県", "Fukuoka Prefecture", "", "JP",
                     notes="グリーンアジア国際戦略総合特区の共同申請者。"),
    OrganisationSpec("ppwsa", "agency", "プノンペン水道公社", "Phnom Penh Water Supply Authority", "PPWSA", "KH",
                     "phnompenh"),
    OrganisationSpec("mime", "government", "カンボジア鉱工業エネルギー省", "Ministry of Industry, Mines and Energy (Cambodia)",
                     "MIME", "KH", notes="当時の地方州都の水道を所管。"),
    OrganisationSpec("hpwsc", "company", "ハイフォン上水道公社", "Hai Phong Water Supply Joint Stock Company", "", "VN",
                     "haiphong"),
    OrganisationSpec("dalian-epb", "government", "大連市環境保護局", "Dalian Environmental Protection Bureau", "", "CN",
                     "dalian"),
    # Local companies: invented names, marked as sample.
    OrganisationSpec("hibikinada", "company", "響灘グリーンテック株式会社", "Hibikinada Greentech Co., Ltd.", "", "JP",
                     "kitakyushu", notes="架空の地域企業（環境プラント）。", is_sample=True),
    OrganisationSpec("sarakura", "company", "皿倉ウォーターシステムズ株式会社", "Sarakura Water Systems Co., Ltd.", "", "JP",
                     "kitakyushu", notes="架空の地域企業（水処理）。ベトナムでのコンソーシアムの代表企業として登録。",
                     is_sample=True),
    OrganisationSpec("murasaki", "company", "紫川エコリサイクル株式会社", "Murasakigawa Eco Recycle Co., Ltd.", "", "JP",
                     "kitakyushu", notes="架空の地域企業（廃棄物リサイクル）。", is_sample=True),
    OrganisationSpec("dokai", "company", "洞海ソーラーエンジニアリング株式会社", "Dokai Solar Engineering Co., Ltd.", "", "JP",
                     "kitakyushu", notes="架空の地域企業（再生可能エネルギー）。", is_sample=True),
)

# ---------------------------------------------------------------------------
# Agreements
# ---------------------------------------------------------------------------

_DAY_UNCONFIRMED = "締結年は市の公表資料による。月日はデモ用の仮置き。"

AGREEMENTS: tuple[AgreementSpec, ...] = (
    AgreementSpec(
        "sister_city", "タコマ市との姉妹都市提携", "Sister-city affiliation with Tacoma", D(1959, 11, 1),
        place="tacoma",
        notes="旧小倉市との提携を1963年の5市合併で北九州市が継承。" + _DAY_UNCONFIRMED,
    ),
    AgreementSpec(
        "sister_city", "ノーフォーク市との姉妹都市提携", "Sister-city affiliation with Norfolk", D(1959, 7, 1),
        place="norfolk",
        notes="旧門司市との提携を1963年の5市合併で北九州市が継承。" + _DAY_UNCONFIRMED,
    ),
    AgreementSpec(
        "friendship_city", "大連市との友好都市提携", "Friendship-city affiliation with Dalian", D(1979, 5, 1),
        place="dalian", signatory_city="北九州市長 谷 伍平",
        notes="2009年5月1日に30周年（報道による）。以後5年ごとに記念交流事業。",
    ),
    AgreementSpec(
        "sister_city", "仁川広域市との姉妹都市提携", "Sister-city affiliation with Incheon", D(1988, 12, 20),
        place="incheon", signatory_city="北九州市長 末吉 興一",
        notes="市の公表資料では「姉妹都市」。記事は大連市・仁川広域市を「姉妹友好都市」と記す。" + _DAY_UNCONFIRMED,
    ),
    AgreementSpec(
        "friendship_cooperation", "ハイフォン市との友好・協力協定", "Friendship and cooperation agreement with Hai Phong",
        D(2009, 4, 20), place="haiphong", term_years=5, ended_on=D(2014, 4, 18),
        signatory_city="北九州市長 北橋 健治",
        notes="5年の期限を迎える2014年4月に姉妹都市協定へ移行（市の公表資料による）。" + _DAY_UNCONFIRMED,
    ),
    AgreementSpec(
        "sister_city", "ハイフォン市との姉妹都市協定", "Sister-city agreement with Hai Phong", D(2014, 4, 18),
        place="haiphong", signatory_city="北九州市長 北橋 健治",
        notes="締結式 2014年4月18日（立会人: 在福岡ベトナム総領事）。市の公表資料による。",
        document_url="https://www.city.kitakyushu.lg.jp/soumu/file_0006.html",
    ),
    AgreementSpec(
        "economic_exchange", "チェリャビンスク市との経済交流協定", "Economic exchange agreement with Chelyabinsk",
        D(2008, 10, 6), place="chelyabinsk", signatory_city="北九州市長 北橋 健治",
        signatory_partner="チェリャビンスク市長",
        letter_references="北九国政第812号（サンプル）",
        notes="協定の存在は記事による（2005年の経済ミッション訪問が契機）。締結日・文書番号はサンプル。",
        is_sample=True,
    ),
    AgreementSpec(
        "sister_city", "スラバヤ市との環境姉妹都市提携", "Green sister-city affiliation with Surabaya",
        D(2012, 11, 1), place="surabaya", term_years=5, renewed_on=D(2017, 11, 1),
        signatory_city="北九州市長 北橋 健治", signatory_partner="スラバヤ市長",
        assembly_approval_required=True, assembly_approved_on=D(2012, 9, 28),
        letter_references="北九環国第1034号（サンプル）、北九総国第455号（サンプル）",
        notes="環境分野に限定した姉妹都市提携。日付・議決日・文書番号はデモ用のサンプル。", is_sample=True,
    ),
    AgreementSpec(
        "mou", "チェンマイ市との環境協力に関する覚書", "MoU on environmental cooperation with Chiang Mai",
        D(2013, 2, 15), place="chiangmai", term_years=3, renewed_on=D(2019, 2, 15), ended_on=D(2022, 2, 14),
        signatory_city="北九州市環境局長", signatory_partner="チェンマイ市長",
        letter_references="北九環国第208号（サンプル）",
        notes="2010年度CLAIRモデル事業の成果を受けた覚書として想定。内容・日付はサンプル。", is_sample=True,
    ),
    AgreementSpec(
        "mou", "チェンマイ大学との学術交流に関する覚書", "MoU on academic exchange with Chiang Mai University",
        D(2011, 3, 10), organisation="cmu", term_years=5, ended_on=D(2016, 3, 9),
        signatory_city="北九州市環境局長", signatory_partner="チェンマイ大学学長",
        notes="ごみバンク調査の協力を受けた覚書として想定。内容・日付はサンプル。", is_sample=True,
    ),
)

# ---------------------------------------------------------------------------
# Networks
# ---------------------------------------------------------------------------

OEAED_FOUNDED = D(2004, 11, 16)

NETWORKS: tuple[NetworkSpec, ...] = (
    NetworkSpec(
        "東アジア経済交流推進機構",
        "Organization for the East Asia Economic Development (OEAED)",
        OEAED_FOUNDED,
        "環黄海地域の日中韓10都市の行政と経済界による経済交流のプラットフォーム。1991年からの"
        "「東アジア（環黄海）都市会議」を母体に、北九州市の発案で2004年に設立（記事による）。"
        "ものづくり・環境・ロジスティクス・観光の部会で活動し、総会を隔年で開催。"
        "2014年に熊本市が加入して11都市となったが、デモデータは記事時点（10都市）を示す。",
        (
            MemberSpec("kitakyushu", "secretariat", OEAED_FOUNDED),
            MemberSpec("shimonoseki", "founder", OEAED_FOUNDED),
            MemberSpec("fukuoka", "founder", OEAED_FOUNDED),
            MemberSpec("dalian", "founder", OEAED_FOUNDED),
            MemberSpec("qingdao", "founder", OEAED_FOUNDED),
            MemberSpec("yantai", "founder", OEAED_FOUNDED),
            MemberSpec("tianjin", "founder", OEAED_FOUNDED),
            MemberSpec("incheon", "founder", OEAED_FOUNDED),
            MemberSpec("busan", "founder", OEAED_FOUNDED),
            MemberSpec("ulsan", "founder", OEAED_FOUNDED),
        ),
        website="http://oeaed.org/",
    ),
    NetworkSpec(
        "アジア環境協力都市ネットワーク（サンプル）",
        "Asian Environmental Cooperation Cities Network (sample)",
        D(2008, 10, 1),
        "廃棄物管理と低炭素化の経験を共有するアジア諸都市のネットワークとして想定したサンプル。",
        (
            MemberSpec("kitakyushu", "chair", D(2008, 10, 1)),
            MemberSpec("surabaya", "member", D(2008, 10, 1)),
            MemberSpec("haiphong", "member", D(2010, 4, 1)),
            MemberSpec("davao", "member", D(2011, 4, 1)),
            MemberSpec("chiangmai", "observer", D(2012, 4, 1), D(2018, 3, 31)),
            MemberSpec("phnompenh", "member", D(2013, 4, 1)),
        ),
        is_sample=True,
    ),
)

# ---------------------------------------------------------------------------
# Projects named in the article
# ---------------------------------------------------------------------------

CAMBODIA_NINE = (
    "kampongcham", "battambang", "siemreap", "sihanoukville", "kampot",
    "pursat", "kampongthom", "svayrieng", "kratie",
)

ARTICLE_PROJECTS: tuple[ProjectSpec, ...] = (
    ProjectSpec(
        "カンボジア主要9都市水道基本計画策定コンサルタント業務",
        "Consulting: water supply master plans for nine main cities of Cambodia",
        lead="suido-kaigai", status="finished", start=D(2011, 8, 1), end=D(2013, 3, 31),
        summary=(
            "カンボジア主要9都市における水道基本計画策定のコンサルタント業務を受注（記事による。"
            "カンボジアでの受注・内定は本件を含め3件）。1999年からのプノンペンでの水道協力で築いた"
            "信頼関係を基に、地方州都の水道整備計画を策定。対象9都市の選定と期間・金額はサンプル。"
            + ARTICLE
        ),
        results="9都市の水道基本計画（案）を提出。",
        co=("kokusai-seisaku",),
        fields=("water",), activities=("survey", "technical-cooperation", "business-development"),
        sdgs=(6, 17), targets=("6.1", "6.a", "17.9"),
        partners=(
            *(at(key, "beneficiary") for key in CAMBODIA_NINE),
            org("mime", "counterpart"),
            org("jica", "funder"),
        ),
        budget=(
            partner_money(2011, 18_400_000, "JICA業務委託（コンサルタント契約）", funder="jica"),
            partner_money(2012, 27_600_000, "JICA業務委託（コンサルタント契約）", funder="jica"),
            city(2011, 1_850_000, source_name=WATER_ACCOUNT),
            city(2012, 2_100_000, source_name=WATER_ACCOUNT),
        ),
        author="suido", initial={"status": "running", "results": ""},
        revisions=(Revision("suido", "業務完了報告", {"status": "finished", "results": "9都市の水道基本計画（案）を提出。"}),),
    ),
    ProjectSpec(
        "ベトナム・ハイフォン市 浄水場改善コンサルタント業務",
        "Consulting: water treatment plant improvement in Hai Phong, Viet Nam",
        lead="suido-kaigai", status="finished", start=D(2011, 10, 1), end=D(2014, 3, 31),
        summary=(
            "ベトナムで受注・内定したコンサルタント業務2件のうちの1件（記事による）。本市の高度浄水処理技術"
            "（上向流式生物接触ろ過 U-BCF）の導入に向けた設計・技術指導。期間・金額はサンプル。" + ARTICLE
        ),
        co=("suido-josui",),
        fields=("water",), activities=("technical-cooperation", "business-development"),
        sdgs=(6, 9), targets=("6.1", "6.3"),
        partners=(at("haiphong"), org("hpwsc", "counterpart"), org("jica", "funder")),
        budget=(
            partner_money(2011, 9_800_000, "JICA業務委託（コンサルタント契約）", funder="jica"),
            partner_money(2012, 14_300_000, "JICA業務委託（コンサルタント契約）", funder="jica"),
            partner_money(2013, 11_200_000, "JICA業務委託（コンサルタント契約）", funder="jica"),
            city(2011, 900_000, source_name=WATER_ACCOUNT),
            city(2012, 1_100_000, source_name=WATER_ACCOUNT),
            city(2013, 1_000_000, source_name=WATER_ACCOUNT),
        ),
        author="suido",
    ),
    ProjectSpec(
        "ベトナム上水道整備コンサルタント業務（民間企業とのコンソーシアム）",
        "Consulting: water supply development in Viet Nam (consortium with a private company)",
        lead="suido-kaigai", status="finished", start=D(2012, 1, 10), end=D(2013, 12, 27),
        summary=(
            "ベトナムでのコンサルタント業務2件のうち、民間企業とのコンソーシアムで受注した1件（記事による）。"
            "代表企業（架空の地域企業）と上下水道局が技術面を分担。契約は米ドル建てとして記録。"
            "期間・金額・相手企業はサンプル。" + ARTICLE
        ),
        fields=("water", "industry"), activities=("technical-cooperation", "business-development"),
        sdgs=(6, 8, 17), targets=("6.1", "17.17"),
        partners=(at("haiphong"), org("sarakura", "implementer")),
        budget=(
            foreign(2011, "partner", "USD", "60000.00", "76.91", D(2012, 1, 10),
                    "コンソーシアム契約（上下水道局分担金）", funder="sarakura"),
            foreign(2012, "partner", "USD", "125000.00", "82.05", D(2012, 4, 2),
                    "コンソーシアム契約（上下水道局分担金）", funder="sarakura"),
            foreign(2013, "partner", "USD", "48000.00", "98.62", D(2013, 4, 1),
                    "コンソーシアム契約（上下水道局分担金）", funder="sarakura"),
            city(2012, 650_000, source_name=WATER_ACCOUNT),
        ),
        author="suido",
    ),
    ProjectSpec(
        "アジア低炭素化センターの運営",
        "Asian Center for Low Carbon Society",
        lead="asia-low-carbon", status="running", start=D(2010, 6, 1), end=None,
        summary=(
            "アジア地域での大幅なCO₂削減に貢献する拠点として2010年6月に開設（記事による）。都市間交流で得た"
            "現地のビジネスニーズや人脈を地域企業に還元し、環境技術の輸出と地域経済の活性化を図る。"
            "予算額はサンプル。" + ARTICLE
        ),
        results="地域企業による環境技術の海外展開案件の発掘・調査を支援。",
        co=("kankyo-kokusai-senryaku", "sangyo-kokusai"),
        fields=("environment", "industry"), activities=("business-development", "network-platform"),
        sdgs=(7, 9, 11, 13, 17), targets=("7.2", "9.4", "11.6", "13.3", "17.16"),
        partners=(
            org("iges", "partner"), org("hibikinada", "partner"), org("dokai", "partner"),
            org("murasaki", "partner"),
            at("surabaya", "beneficiary"), at("haiphong", "beneficiary"), at("dalian", "beneficiary"),
        ),
        budget=yearly_city(2010, 2026, 62_000_000, step=-900_000),
        links=(LinkSpec("開設記念式典の記録（2010年6月）", file_reference="共有フォルダ/環境局/アジア低炭素化センター/H22/開設式典.pdf"),),
        author="kankyo", initial={"status": "planned"},
        revisions=(Revision("kankyo", "センター開設（2010年6月）", {"status": "running"}),),
    ),
    ProjectSpec(
        "アジア地域環境ビジネスコーディネーター戦略的育成事業",
        "Strategic training of environmental business coordinators for Asia",
        lead="kankyo-kokusai-senryaku", status="finished", start=D(2010, 4, 1), end=D(2011, 3, 31),
        summary=(
            "2010年度CLAIRモデル事業（記事による）。環境に配慮した工業化と環境改善のリーダーシップを発揮できる"
            "人材を「ビジネスコーディネーター」として育成し、研修生の帰国後の課題へのフォローアップや各国での"
            "事業推進を支援する。国際連合工業開発機関（UNIDO）と連携した国際協力事業。金額はサンプル。" + ARTICLE
        ),
        results="ケーススタディー研修を実施し、研修生の帰国後フォローアップを開始。",
        co=("asia-low-carbon",),
        fields=("environment", "industry", "education"),
        activities=("trainee-acceptance", "business-development"),
        sdgs=(9, 12, 17), targets=("9.4", "12.4", "17.9"),
        partners=(org("unido", "partner"), org("clair", "funder")),
        budget=(clair_model(2010, 3_000_000), city(2010, 1_450_000)),
        links=(LinkSpec("CLAIR 自治体国際協力促進事業（モデル事業）",
                        url="http://www.clair.or.jp/j/cooperation/model/index.html"),),
        author="kankyo",
    ),
    ProjectSpec(
        "タイ王国地方自治体における環境保護と観光産業振興の両立を目指す政策立案能力向上のための人材育成事業",
        "Capacity building in Thai local governments for policies balancing environmental protection and tourism",
        lead="kankyo-kokusai-senryaku", status="finished", start=D(2010, 4, 1), end=D(2011, 3, 31),
        summary=(
            "2010年度CLAIRモデル事業（記事による）。廃棄物管理行政と観光資源の現状を調査し、課題の明確化と"
            "情報分析により、観光名所を多く抱える都市としての環境改善案と効果的な啓発方法を検討する。"
            "チェンマイ大学によるごみバンク調査を含む。金額はサンプル。" + ARTICLE
        ),
        results="チェンマイ大学ごみバンク調査を実施し、観光地の環境改善案を取りまとめ。",
        co=("sangyo-kanko-ka",),
        fields=("environment", "culture"), activities=("survey", "trainee-acceptance", "expert-dispatch"),
        sdgs=(8, 11, 12), targets=("8.9", "11.6", "12.5"),
        partners=(at("chiangmai"), org("cmu", "partner"), org("clair", "funder")),
        budget=(clair_model(2010, 2_950_000), city(2010, 880_000)),
        author="kankyo", initial={"status": "running", "results": ""},
        revisions=(
            Revision("kankyo", "実績報告書の提出",
                     {"status": "finished",
                      "results": "チェンマイ大学ごみバンク調査を実施し、観光地の環境改善案を取りまとめ。"}),
        ),
    ),
    ProjectSpec(
        "自治体職員協力交流事業（LGOTP）研修員の受入（2011年度）",
        "LGOTP: hosting trainees from Hai Phong, Kunming and Chelyabinsk (FY2011)",
        lead="kokusai-seisaku", status="finished", start=D(2011, 5, 24), end=D(2012, 3, 23),
        summary=(
            "友好・協力協定を締結したハイフォン市（水道技術分野）、2007年より研修団を受け入れている昆明市"
            "（下水道分野）、経済交流協定を締結したチェリャビンスク市（国際経済交流分野）の3都市から"
            "3名の研修員を受け入れ（記事による）。本市はLGOTP開始（1996年）以降、2011年度までに合計55名を"
            "受け入れ。受入経費はサンプル。" + ARTICLE
        ),
        results="研修員3名が市長を表敬し、各分野の研修を修了。",
        co=("suido-kaigai", "suido-gesui-keikaku", "sangyo-kokusai"),
        fields=("water", "trade", "general-administration"), activities=("trainee-acceptance",),
        sdgs=(6, 8, 17), targets=("6.a", "17.9"),
        partners=(
            at("haiphong"), at("kunming"), at("chelyabinsk"),
            org("clair", "partner"), org("mic", "partner"),
        ),
        budget=(city(2011, 10_650_000, note="研修員3名の受入経費（サンプル額）。受入経費は普通交付税の単位費用に算入。"),),
        links=(LinkSpec("CLAIR 自治体職員協力交流事業（LGOTP）", url="https://clair.or.jp/j/cooperation/lgotp/lgotp.html"),),
        author="kokusai",
    ),
    ProjectSpec(
        "昆明市下水道研修団の受入",
        "Hosting sewerage training delegations from Kunming",
        lead="suido-gesui-keikaku", status="running", start=D(2007, 4, 1), end=None,
        summary="2007年より昆明市から下水道分野の研修団を受け入れ（記事による）。予算額はサンプル。" + ARTICLE,
        fields=("water",), activities=("trainee-acceptance", "technical-cooperation"),
        sdgs=(6, 11), targets=("6.3",),
        partners=(at("kunming"),),
        budget=yearly_city(2007, 2026, 1_200_000, step=25_000, source_name="下水道事業会計"),
        author="suido",
    ),
    ProjectSpec(
        "東アジア経済交流推進機構の運営（事務局）",
        "Secretariat of the Organization for the East Asia Economic Development",
        lead="sangyo-kokusai", status="running", start=OEAED_FOUNDED, end=None,
        summary=(
            "本市の発案で2004年に設置した日中韓10都市のネットワーク組織の事務局運営（記事による）。"
            "総会（2004年北九州、2006年天津、2008年蔚山、2010年青島ほか）、部会活動、共同プロモーション。"
            "予算額・負担金はサンプル。" + ARTICLE
        ),
        co=("kokusai-seisaku",),
        fields=("trade", "industry", "port-transport"), activities=("network-platform", "business-development"),
        sdgs=(8, 17), targets=("8.2", "17.17"),
        partners=(
            *(at(key, "partner") for key in (
                "shimonoseki", "fukuoka", "dalian", "qingdao", "yantai", "tianjin", "incheon", "busan", "ulsan",
            )),
            org("kcci", "partner"),
        ),
        budget=(
            *yearly_city(2004, 2026, 7_800_000, step=-60_000),
            foreign(2012, "partner", "KRW", "8000000.00", "0.0712", D(2012, 10, 1),
                    "仁川広域市 共同事業負担金"),
            foreign(2018, "partner", "KRW", "12000000.00", "0.0985", D(2018, 10, 1),
                    "仁川広域市 第6回総会 開催都市負担分"),
        ),
        links=(LinkSpec("東アジア経済交流推進機構", url="http://oeaed.org/"),),
        author="kokusai",
    ),
    ProjectSpec(
        "OECDグリーン成長都市プログラムへの参加",
        "OECD Green Cities Programme: Kitakyushu case study",
        lead="kankyo-kokusai-senryaku", status="finished", start=D(2011, 6, 1), end=D(2013, 3, 31),
        summary=(
            "2011年6月、経済協力開発機構（OECD）から環境政策と経済成長を両立した「グリーン成長モデル都市」に"
            "選定（記事による）。事例研究への情報提供と国際発信。予算額はサンプル。" + ARTICLE
        ),
        co=("kokusai-seisaku",),
        fields=("environment",), activities=("survey", "network-platform"),
        sdgs=(11, 13, 17), targets=("11.3", "13.2"),
        partners=(org("oecd", "counterpart"),),
        budget=(city(2011, 2_300_000), city(2012, 1_600_000)),
        author="kankyo",
    ),
    ProjectSpec(
        "グリーンアジア国際戦略総合特区による都市環境インフラの海外展開",
        "Green Asia International Strategic Comprehensive Special Zone: exporting urban environmental infrastructure",
        lead="sangyo-kokusai", status="running", start=D(2012, 4, 1), end=None,
        summary=(
            "2011年末、本市と福岡県・福岡市が共同申請した「グリーンアジア国際戦略総合特区」が選定された"
            "（記事による）。都市環境インフラの技術とノウハウをパッケージ化してアジア諸都市へ提供する。"
            "予算額はサンプル。" + ARTICLE
        ),
        co=("asia-low-carbon", "kowan-butsuryu"),
        fields=("industry", "environment", "port-transport"), activities=("business-development",),
        sdgs=(9, 11, 17), targets=("9.4", "17.16"),
        partners=(org("fukuoka-pref", "partner"), at("fukuoka", "partner"), org("hibikinada", "partner")),
        budget=yearly_city(2012, 2026, 15_000_000, step=-400_000),
        author="kokusai",
    ),
)

# ---------------------------------------------------------------------------
# Projects invented for the demo (plausible, flagged as sample)
# ---------------------------------------------------------------------------

SAMPLE_PROJECTS: tuple[ProjectSpec, ...] = (
    ProjectSpec(
        "プノンペン水道公社への技術協力（専門家派遣）",
        "Technical cooperation with the Phnom Penh Water Supply Authority (expert dispatch)",
        lead="suido-kaigai", status="finished", start=D(1999, 4, 1), end=D(2011, 3, 31),
        summary="JICAの専門家派遣の枠組みで上下水道局職員を派遣し、配水管理と無収水対策を指導（サンプル）。",
        results="無収水率の大幅な改善に貢献。",
        fields=("water",), activities=("expert-dispatch", "technical-cooperation"),
        sdgs=(6,), targets=("6.1", "6.4"),
        partners=(at("phnompenh"), org("ppwsa", "counterpart"), org("jica", "funder")),
        budget=yearly_city(1999, 2010, 1_600_000, step=-40_000, source_name=WATER_ACCOUNT),
        author="suido", is_sample=True,
    ),
    ProjectSpec(
        "コンポンチャム及びバッタンバン上水道拡張計画への協力",
        "Support to the water supply expansion in Kampong Cham and Battambang",
        lead="suido-kaigai", status="finished", start=D(2013, 7, 1), end=D(2017, 3, 31),
        summary="地方自治体と連携した無償資金協力の準備調査と実施に技術アドバイザーとして参加（内容・期間はサンプル）。",
        fields=("water",), activities=("technical-cooperation", "expert-dispatch"),
        sdgs=(6,), targets=("6.1",),
        partners=(at("kampongcham"), at("battambang"), org("jica", "partner"), org("mime", "counterpart")),
        budget=tuple(city(fy, 1_300_000, source_name=WATER_ACCOUNT) for fy in range(2013, 2017)),
        author="suido", is_sample=True,
    ),
    ProjectSpec(
        "カンボジア・シェムリアップ上水道拡張に係る施工監理業務",
        "Construction supervision for the Siem Reap water supply expansion",
        lead="suido-kaigai", status="finished", start=D(2012, 6, 1), end=D(2014, 3, 31),
        summary="カンボジアでの受注3件のうちの1件として想定したサンプル。",
        fields=("water",), activities=("technical-cooperation", "business-development"),
        sdgs=(6,), targets=("6.1",),
        partners=(at("siemreap"), org("sarakura", "implementer")),
        budget=(
            partner_money(2012, 6_200_000, "施工監理業務委託", funder="sarakura"),
            partner_money(2013, 5_400_000, "施工監理業務委託", funder="sarakura"),
        ),
        author="suido", is_sample=True,
    ),
    ProjectSpec(
        "ハイフォン市 下水道・排水管理能力向上プロジェクト",
        "Hai Phong sewerage and drainage management capacity development",
        lead="suido-gesui-keikaku", status="finished", start=D(2014, 6, 1), end=D(2017, 3, 31),
        summary="JICA草の根技術協力事業（地域活性化特別枠）として実施したと想定したサンプル。上限6,000万円・3年以内の範囲。",
        co=("suido-kaigai",),
        fields=("water",), activities=("technical-cooperation", "trainee-acceptance", "expert-dispatch"),
        sdgs=(6, 11), targets=("6.3", "11.b"),
        partners=(at("haiphong"), org("jica", "funder")),
        budget=(
            program(2014, 16_800_000, JICA_GRASSROOTS, "jica"),
            program(2015, 21_500_000, JICA_GRASSROOTS, "jica"),
            program(2016, 17_200_000, JICA_GRASSROOTS, "jica"),
            city(2014, 1_200_000, source_name="下水道事業会計"),
            city(2015, 1_200_000, source_name="下水道事業会計"),
            city(2016, 1_000_000, source_name="下水道事業会計"),
        ),
        author="suido", is_sample=True,
    ),
    ProjectSpec(
        "スラバヤ市 廃棄物管理・低炭素化協力",
        "Waste management and low-carbon cooperation with Surabaya",
        lead="kankyo-kokusai-senryaku", status="finished", start=D(2013, 5, 1), end=D(2016, 3, 31),
        summary="環境省の都市間連携事業（委託先は研究機関）で、堆肥化と廃棄物発電の案件形成を支援したと想定したサンプル。",
        co=("asia-low-carbon",),
        fields=("environment",), activities=("technical-cooperation", "survey", "business-development"),
        sdgs=(11, 12, 13), targets=("11.6", "12.5", "13.2"),
        partners=(at("surabaya"), org("moe", "funder"), org("iges", "implementer"), org("murasaki", "partner")),
        budget=(
            program(2013, 14_800_000, MOE_CITY_TO_CITY, "moe"),
            program(2014, 17_500_000, MOE_CITY_TO_CITY, "moe"),
            program(2015, 16_900_000, MOE_CITY_TO_CITY, "moe"),
            city(2013, 2_000_000), city(2014, 2_000_000), city(2015, 1_800_000),
        ),
        author="kankyo", is_sample=True,
    ),
    ProjectSpec(
        "大連市環境モデル地区計画への協力",
        "Cooperation on the Dalian Environmental Model Zone plan",
        lead="kankyo-kanshi-ka", status="finished", start=D(1996, 4, 1), end=D(2001, 3, 31),
        summary="大連市との友好都市関係を基盤に、大気汚染・水質汚濁対策の計画づくりに協力したと想定したサンプル。",
        co=("kokusai-seisaku",),
        fields=("environment",), activities=("technical-cooperation", "expert-dispatch", "trainee-acceptance"),
        sdgs=(3, 11, 6), targets=("3.9", "11.6"),
        partners=(at("dalian"), org("dalian-epb", "counterpart"), org("jica", "funder")),
        budget=yearly_city(1996, 2000, 4_500_000, step=250_000),
        author="kankyo", is_sample=True,
    ),
    ProjectSpec(
        "チェリャビンスク市との経済交流（企業ミッション）",
        "Economic exchange with Chelyabinsk (business missions)",
        lead="sangyo-kokusai", status="finished", start=D(2005, 8, 1), end=D(2013, 3, 31),
        summary="2005年の経済ミッション訪問を契機とする企業交流。エコタウン事業の紹介と市内企業の商談支援（内容はサンプル）。",
        fields=("trade", "environment"), activities=("business-development", "friendship-exchange"),
        sdgs=(8, 9, 17), targets=("17.17",),
        partners=(at("chelyabinsk"), org("jetro", "partner"), org("kcci", "partner")),
        budget=yearly_city(2005, 2012, 2_400_000, step=-50_000),
        author="kokusai", is_sample=True,
    ),
    ProjectSpec(
        "駐大連北九州市経済事務所の運営",
        "Kitakyushu Economic Office in Dalian",
        lead="sangyo-kokusai", status="running", start=D(2009, 4, 1), end=None,
        summary="大連市での市内企業の販路開拓・情報収集拠点（事務所の存在は市の公表資料による。経費はサンプル）。"
                "事務所賃料は人民元建てで支払い。",
        fields=("trade", "industry"), activities=("business-development",),
        sdgs=(8, 17), targets=("17.17",),
        partners=(at("dalian"), org("kcci", "partner")),
        budget=(
            *yearly_city(2009, 2026, 9_500_000, step=120_000),
            foreign(2023, "city", "CNY", "360000.00", "19.52", D(2023, 4, 3), "一般会計（事務所賃料・人民元建て）"),
            foreign(2024, "city", "CNY", "360000.00", "20.87", D(2024, 4, 1), "一般会計（事務所賃料・人民元建て）"),
        ),
        author="kokusai", is_sample=True,
    ),
    ProjectSpec(
        "大連市消防職員の技術研修受入",
        "Technical training of Dalian fire officers",
        lead="shobo-kikaku", status="finished", start=D(2016, 9, 1), end=D(2020, 2, 28),
        summary="救助・救急技術の研修員受入と指導員派遣（サンプル）。2019年度（令和元年度）まで。",
        co=("shobo-keibo-ka",),
        fields=("fire-disaster",), activities=("trainee-acceptance", "expert-dispatch"),
        sdgs=(11, 3), targets=("11.5", "3.d"),
        partners=(at("dalian"),),
        budget=(city(2016, 1_100_000), city(2017, 1_250_000), city(2018, 1_250_000), city(2019, 980_000)),
        author="shobo", is_sample=True,
    ),
    ProjectSpec(
        "東アジア都市 消防・防災技術交流",
        "Fire and disaster management exchange with East Asian cities",
        lead="shobo-keibo-ka", status="running", start=D(2021, 10, 1), end=None,
        summary="東アジア経済交流推進機構の会員都市消防との技術交流（オンライン研修を含む。サンプル）。",
        fields=("fire-disaster",), activities=("technical-cooperation", "network-platform"),
        sdgs=(11, 17), targets=("11.5", "17.16"),
        partners=(at("incheon"), at("busan"), at("ulsan")),
        budget=(city(2021, 600_000), city(2022, 850_000), city(2023, 900_000), city(2024, 900_000),
                city(2025, 950_000), city(2026, 950_000)),
        author="shobo", is_sample=True,
    ),
    ProjectSpec(
        "自治体職員協力交流事業（LGOTP）研修員の受入（2019年度）",
        "LGOTP: hosting trainees from Incheon and Dalian (FY2019)",
        lead="kokusai-seisaku", status="finished", start=D(2019, 4, 1), end=D(2020, 3, 19),
        summary="消防分野（仁川広域市）と動物管理分野（大連市）の研修員2名を受け入れ（サンプル）。"
                "平成31年4月に準備を始め、令和元年度中に研修を終えた。",
        co=("shobo-kikaku", "dobutsu-aigo"),
        fields=("fire-disaster", "animal-care"), activities=("trainee-acceptance",),
        sdgs=(11, 3, 17), targets=("17.9",),
        partners=(at("incheon"), at("dalian"), org("clair", "partner")),
        budget=(city(2019, 7_300_000, note="研修員2名の受入経費（サンプル額）。"),),
        author="kokusai", is_sample=True,
    ),
    ProjectSpec(
        "自治体職員協力交流事業（LGOTP）研修員の受入（2026年度）",
        "LGOTP: hosting trainees from Hai Phong and Surabaya (FY2026)",
        lead="kokusai-seisaku", status="running", start=D(2026, 5, 25), end=D(2027, 3, 19),
        summary="上下水道分野（ハイフォン市）と環境分野（スラバヤ市）の研修員2名（サンプル）。",
        co=("suido-kaigai", "kankyo-kokusai-senryaku"),
        fields=("water", "environment"), activities=("trainee-acceptance",),
        sdgs=(6, 12, 17), targets=("17.9",),
        partners=(at("haiphong"), at("surabaya"), org("clair", "partner")),
        budget=(city(2026, 7_600_000, note="研修員2名の受入経費（サンプル額）。"),),
        author="kokusai", is_sample=True,
    ),
    ProjectSpec(
        "仁川広域市との青少年交流",
        "Youth exchange with Incheon",
        lead="shimin-bunka-kikaku", status="dropped", start=D(2020, 4, 1), end=D(2021, 3, 31),
        summary="姉妹都市提携を記念した中高生の相互派遣。新型コロナウイルス感染症の影響により中止（サンプル）。",
        fields=("education", "culture"), activities=("friendship-exchange",),
        sdgs=(4, 17), targets=("4.7",),
        partners=(at("incheon"),),
        budget=(city(2020, 2_400_000, note="当初予算（執行せず）。金額はデモ用のサンプル"),),
        author="kokusai", is_sample=True,
        initial={"status": "planned"},
        revisions=(Revision("kokusai", "新型コロナウイルス感染症の影響により中止", {"status": "dropped"}),),
    ),
    ProjectSpec(
        "外国人市民のための多言語生活情報の提供",
        "Multilingual living information for foreign residents",
        lead="kokusai-koryu", status="running", start=D(2018, 4, 1), end=None,
        summary="国際戦略会議の多文化共生グループで調整する多言語での生活・防災情報の提供（サンプル）。",
        co=("shimin-bunka-kikaku",),
        fields=("multicultural",), activities=("friendship-exchange",),
        sdgs=(10, 16), targets=("10.2", "16.7"),
        budget=yearly_city(2018, 2026, 3_200_000, step=150_000),
        author="kokusai", is_sample=True,
    ),
    ProjectSpec(
        "ハイフォン港との物流連携調査",
        "Logistics partnership study with the port of Hai Phong",
        lead="kowan-butsuryu", status="idea", start=D(2027, 4, 1), end=D(2028, 3, 31),
        summary="北九州港とハイフォン港の定期航路・物流連携の可能性調査（構想段階のサンプル）。",
        fields=("port-transport", "trade"), activities=("survey",),
        sdgs=(9, 17), targets=("9.1",),
        partners=(at("haiphong"),),
        author="kokusai", is_sample=True,
    ),
    ProjectSpec(
        "チェンマイ市 観光地廃棄物管理フォローアップ事業",
        "Follow-up on tourist-area waste management in Chiang Mai",
        lead="kankyo-kokusai-senryaku", status="planned", start=D(2027, 4, 1), end=D(2028, 3, 31),
        summary="2010年度モデル事業の成果を踏まえた続編。CLAIRモデル事業への申請を検討中（サンプル）。",
        fields=("environment", "culture"), activities=("expert-dispatch", "survey"),
        sdgs=(11, 12), targets=("11.6", "12.5"),
        partners=(at("chiangmai"), org("cmu", "partner")),
        budget=(city(2027, 1_500_000, note="要求予定額（サンプル）"),),
        author="kankyo", is_sample=True,
    ),
    ProjectSpec(
        "大連港との港湾技術交流",
        "Port technology exchange with the port of Dalian",
        lead="kowan-butsuryu", status="finished", start=D(2009, 4, 1), end=D(2014, 3, 31),
        summary="港湾管理・物流効率化の相互研修（サンプル）。",
        fields=("port-transport",), activities=("trainee-acceptance", "friendship-exchange"),
        sdgs=(9,), targets=("9.1",),
        partners=(at("dalian"),),
        budget=yearly_city(2009, 2013, 1_400_000),
        author="kokusai", is_sample=True,
    ),
    ProjectSpec(
        "アジア低炭素化センター運営（重複登録）",
        "Asian Center for Low Carbon Society (duplicate entry)",
        lead="asia-low-carbon", status="running", start=D(2010, 6, 1), end=None,
        summary="誤って二重に登録された記録（削除済み。復元の操作例）。",
        fields=("environment",), activities=("business-development",),
        author="kankyo", is_sample=True,
        deleted_by="kokusai", deleted_reason="重複登録のため削除",
    ),
)

# ---------------------------------------------------------------------------
# CLAIR model projects: 17 adopted by FY2011 (article). Two are named in it
# (FY2010, above); the other fifteen are invented, one fiscal year each.
# Two more after FY2011 show the programme continuing.
# ---------------------------------------------------------------------------


def _model(fy: int, title_ja: str, title_en: str, lead: str, places: tuple[str, ...], fields: tuple[str, ...],
           activities: tuple[str, ...], sdgs: tuple[int, ...], grant: int, own: int, author: str,
           summary: str = "", extra_partners: tuple = ()) -> ProjectSpec:
    return ProjectSpec(
        title_ja, title_en, lead=lead, status="finished",
        start=D(fy, 4, 1), end=D(fy + 1, 3, 31),
        summary=(summary or "CLAIRモデル事業（自治体国際協力促進事業）として採択された人材育成・啓発事業（サンプル）。"),
        fields=fields, activities=activities, sdgs=sdgs,
        partners=(*(at(p) for p in places), org("clair", "funder"), *extra_partners),
        budget=(clair_model(fy, grant), city(fy, own)),
        author=author, is_sample=True,
    )


CLAIR_MODEL_PROJECTS: tuple[ProjectSpec, ...] = (
    _model(1998, "大連市環境保全技術研修（大気汚染対策）", "Dalian: air pollution control training",
           "kankyo-kanshi-ka", ("dalian",), ("environment",), ("trainee-acceptance",), (3, 11), 2_600_000, 900_000,
           "kankyo"),
    _model(1999, "中国東北部工業技術者研修（省エネルギー）", "Energy-saving training for engineers from north-east China",
           "sangyo-kokusai", ("dalian",), ("industry", "environment"), ("trainee-acceptance",), (7, 9), 2_800_000,
           1_000_000, "kokusai", extra_partners=(org("kita", "implementer"),)),
    _model(2000, "アジア太平洋都市環境管理セミナー", "Asia-Pacific urban environmental management seminar",
           "kankyo-kokusai-senryaku", ("surabaya", "dalian"), ("environment",), ("network-platform",), (11, 17),
           3_000_000, 1_400_000, "kankyo"),
    _model(2001, "インドネシア廃棄物管理リーダー養成研修", "Waste management leaders from Indonesia",
           "junkan-ka", ("surabaya",), ("environment",), ("trainee-acceptance",), (11, 12), 2_700_000, 850_000,
           "kankyo"),
    _model(2002, "仁川広域市水質管理技術研修", "Water quality management training for Incheon",
           "suido-josui", ("incheon",), ("water",), ("trainee-acceptance", "technical-cooperation"), (6,),
           2_200_000, 700_000, "suido"),
    _model(2003, "カンボジア水道事業経営研修", "Water utility management training for Cambodia",
           "suido-kaigai", ("phnompenh",), ("water",), ("trainee-acceptance",), (6,), 2_900_000, 950_000, "suido",
           extra_partners=(org("ppwsa", "counterpart"),)),
    _model(2003, "天津市産業廃棄物リサイクル技術研修", "Industrial waste recycling training for Tianjin",
           "junkan-ka", ("tianjin",), ("environment", "industry"), ("trainee-acceptance",), (12,), 2_500_000,
           800_000, "kankyo"),
    _model(2004, "東アジア都市消防・防災技術研修（下関市との共同事業）",
           "Fire and disaster management training for East Asian cities (joint with Shimonoseki)",
           "shobo-kikaku", ("incheon", "busan"), ("fire-disaster",), ("trainee-acceptance",), (11,), 4_300_000,
           1_200_000, "shobo",
           summary="複数自治体の共同事業（上限500万円）として採択されたと想定したサンプル。下関市と共同実施。"),
    _model(2005, "青島市環境教育啓発事業", "Environmental education campaign with Qingdao",
           "kankyo-kokusai-senryaku", ("qingdao",), ("environment", "education"), ("expert-dispatch",), (4, 12),
           2_400_000, 760_000, "kankyo"),
    _model(2006, "ベトナム水道技術者育成研修", "Training of water engineers from Viet Nam",
           "suido-kaigai", ("haiphong",), ("water",), ("trainee-acceptance",), (6,), 2_950_000, 1_050_000,
           "suido"),
    _model(2007, "昆明市水環境改善リーダー養成（滇池流域）", "Water environment leaders for Kunming (Dianchi basin)",
           "suido-gesui-keikaku", ("kunming",), ("water", "environment"), ("trainee-acceptance",), (6, 14),
           2_850_000, 990_000, "suido"),
    _model(2007, "煙台市中小企業ものづくり技術研修", "Manufacturing training for SMEs of Yantai",
           "sangyo-kokusai", ("yantai",), ("industry",), ("trainee-acceptance",), (8, 9), 2_300_000, 720_000,
           "kokusai"),
    _model(2008, "ダバオ市環境保全啓発事業", "Environmental awareness campaign with Davao",
           "kankyo-kokusai-senryaku", ("davao",), ("environment",), ("expert-dispatch", "survey"), (12, 15),
           2_650_000, 880_000, "kankyo"),
    _model(2009, "大連市動物愛護管理技術研修", "Animal protection and management training for Dalian",
           "dobutsu-aigo", ("dalian",), ("animal-care", "health"), ("trainee-acceptance",), (3, 15), 1_900_000,
           640_000, "kokusai"),
    _model(2011, "カンボジア地方都市水道人材育成", "Human resources for water utilities in Cambodian provincial towns",
           "suido-kaigai", ("kampongcham", "battambang"), ("water",), ("trainee-acceptance", "expert-dispatch"),
           (6,), 2_980_000, 1_100_000, "suido"),
    # After FY2011: not part of the article's count.
    _model(2014, "ハイフォン市環境教育リーダー養成", "Environmental education leaders for Hai Phong",
           "kankyo-kokusai-senryaku", ("haiphong",), ("environment", "education"), ("trainee-acceptance",), (4, 12),
           2_750_000, 900_000, "kankyo"),
    _model(2019, "プノンペン都ごみ分別啓発モデル事業", "Waste separation awareness model project in Phnom Penh",
           "junkan-ka", ("phnompenh",), ("environment",), ("expert-dispatch", "survey"), (11, 12), 2_880_000,
           950_000, "kankyo",
           summary="平成31年度に申請し令和元年度に実施したCLAIRモデル事業として想定したサンプル（年度は令和元年度）。"),
)

PROJECTS: tuple[ProjectSpec, ...] = ARTICLE_PROJECTS + SAMPLE_PROJECTS + CLAIR_MODEL_PROJECTS

# Titles the tests and later features look for.
FY2010_CLAIR_MODEL_TITLES = (
    "アジア地域環境ビジネスコーディネーター戦略的育成事業",
    "タイ王国地方自治体における環境保護と観光産業振興の両立を目指す政策立案能力向上のための人材育成事業",
)
LGOTP_2011_TITLE = "自治体職員協力交流事業（LGOTP）研修員の受入（2011年度）"
NETWORK_NAME = "東アジア経済交流推進機構"

__all__ = [
    "AGREEMENTS", "CHANGE_REASON", "DEMO_PASSWORD", "DEPARTMENTS", "FY2010_CLAIR_MODEL_TITLES", "LGOTP",
    "LGOTP_2011_TITLE", "NETWORKS", "NETWORK_NAME", "ORGANISATIONS", "PLACES", "PROJECTS", "ROLE_ABILITIES",
    "SAMPLE_AMOUNT", "USERS",
]
