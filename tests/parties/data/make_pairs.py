"""Writes company_pairs.csv, the labelled company-name pairs of the party-matching scorecard.

    .venv/bin/python tests/parties/data/make_pairs.py      # rewrites company_pairs.csv beside it

Three sources, each labelled by what the names are, never by what the matcher answers:
- real companies with their official Chinese and English names (annual reports, stock-exchange
  filings), paired across scripts, legal forms, word order, case and an address tail; those whose
  English name is a translation or a brand rather than the pinyin ('ZTE', 'Tencent') are kept
  apart as `cross_script_translated`, which pinyin cannot bridge;
- real companies in other languages and legal forms (AG, GmbH, S.A., PJSC/ПАО, N.V. ...) and the
  entries of the shipped sample list (party_lists/us-csl-sample.yaml), written other ways;
- made-up names of the common 'City + shop name + Trading Co., Ltd.' pattern (in both scripts),
  for the near misses: two such companies differ by their shop name alone, or by their trade or
  their city. They are test pairs only, never list entries.
"""

from __future__ import annotations

import csv
from pathlib import Path

OUT = Path(__file__).with_name("company_pairs.csv")

# (Chinese name, official English name)
PINYIN = [
    ("华为技术有限公司", "Huawei Technologies Co., Ltd."),
    ("北京小米科技有限责任公司", "Beijing Xiaomi Technology Co., Ltd."),
    ("阿里巴巴(中国)网络技术有限公司", "Alibaba (China) Network Technology Co., Ltd."),
    ("海尔集团公司", "Haier Group Corporation"),
    ("浙江大华技术股份有限公司", "Zhejiang Dahua Technology Co., Ltd."),
    ("安踏体育用品有限公司", "Anta Sports Products Limited"),
    ("李宁(中国)体育用品有限公司", "Li Ning (China) Sports Goods Co., Ltd."),
    ("三一重工股份有限公司", "Sany Heavy Industry Co., Ltd."),
    ("江苏恒瑞医药股份有限公司", "Jiangsu Hengrui Medicine Co., Ltd."),
    ("福耀玻璃工业集团股份有限公司", "Fuyao Glass Industry Group Co., Ltd."),
    ("潍柴动力股份有限公司", "Weichai Power Co., Ltd."),
    ("申洲国际集团控股有限公司", "Shenzhou International Group Holdings Limited"),
    ("波司登国际控股有限公司", "Bosideng International Holdings Limited"),
    ("恒安国际集团有限公司", "Hengan International Group Company Limited"),
    ("中国蒙牛乳业有限公司", "China Mengniu Dairy Company Limited"),
    ("内蒙古伊利实业集团股份有限公司", "Inner Mongolia Yili Industrial Group Co., Ltd."),
    ("佛山市海天调味食品股份有限公司", "Foshan Haitian Flavouring and Food Co., Ltd."),
    ("中国平安保险(集团)股份有限公司", "Ping An Insurance (Group) Company of China, Ltd."),
    ("隆基绿能科技股份有限公司", "LONGi Green Energy Technology Co., Ltd."),
    ("广州小鹏汽车科技有限公司", "Guangzhou Xiaopeng Motors Technology Co., Ltd."),
    ("宇通客车股份有限公司", "Yutong Bus Co., Ltd."),
    ("TCL科技集团股份有限公司", "TCL Technology Group Corporation"),
    ("得力集团有限公司", "Deli Group Co., Ltd."),
    ("云南白药集团股份有限公司", "Yunnan Baiyao Group Co., Ltd."),
    ("北京同仁堂股份有限公司", "Beijing Tong Ren Tang Co., Ltd."),
    ("宜宾五粮液股份有限公司", "Yibin Wuliangye Co., Ltd."),
    ("江苏洋河酒厂股份有限公司", "Jiangsu Yanghe Brewery Joint-Stock Co., Ltd."),
    ("河南双汇投资发展股份有限公司", "Henan Shuanghui Investment & Development Co., Ltd."),
    ("振德医疗用品股份有限公司", "Zhende Medical Co., Ltd."),
    ("浙江龙盛集团股份有限公司", "Zhejiang Longsheng Group Co., Ltd."),
    ("广州白云山医药集团股份有限公司", "Guangzhou Baiyunshan Pharmaceutical Holdings Co., Ltd."),
    ("天津中环半导体股份有限公司", "Tianjin Zhonghuan Semiconductor Co., Ltd."),
    ("厦门象屿股份有限公司", "Xiamen Xiangyu Co., Ltd."),
]
TRANSLATED = [
    ("中兴通讯股份有限公司", "ZTE Corporation"),
    ("腾讯科技(深圳)有限公司", "Tencent Technology (Shenzhen) Co., Ltd."),
    ("比亚迪股份有限公司", "BYD Company Limited"),
    ("联想(北京)有限公司", "Lenovo (Beijing) Co., Ltd."),
    ("珠海格力电器股份有限公司", "Gree Electric Appliances, Inc. of Zhuhai"),
    ("美的集团股份有限公司", "Midea Group Co., Ltd."),
    ("杭州海康威视数字技术股份有限公司", "Hangzhou Hikvision Digital Technology Co., Ltd."),
    ("青岛啤酒股份有限公司", "Tsingtao Brewery Co., Ltd."),
    ("贵州茅台酒股份有限公司", "Kweichow Moutai Co., Ltd."),
    ("浙江吉利控股集团有限公司", "Zhejiang Geely Holding Group Co., Ltd."),
    ("京东方科技集团股份有限公司", "BOE Technology Group Co., Ltd."),
    ("深圳传音控股股份有限公司", "Shenzhen Transsion Holdings Co., Ltd."),
    ("深圳市汇川技术股份有限公司", "Shenzhen Inovance Technology Co., Ltd."),
    ("上海复星医药(集团)股份有限公司", "Shanghai Fosun Pharmaceutical (Group) Co., Ltd."),
    ("海信集团有限公司", "Hisense Group Co., Ltd."),
]
# The same company written two ways (other languages, legal forms, scripts, the sample list).
LATIN_SAME = [
    ("Siemens Aktiengesellschaft", "Siemens AG"),
    ("Volkswagen Aktiengesellschaft", "VOLKSWAGEN AG"),
    ("Robert Bosch GmbH", "Robert Bosch Gesellschaft mit beschränkter Haftung"),
    ("Henkel AG & Co. KGaA", "Henkel AG and Co KGaA"),
    ("Nestlé S.A.", "NESTLE SA"),
    ("Telefónica, S.A.", "Telefonica SA"),
    ("Banco Santander, S.A.", "Banco Santander SA"),
    ("Petróleos Mexicanos", "PETROLEOS MEXICANOS"),
    ("Stellantis N.V.", "Stellantis NV"),
    ("Koninklijke Philips N.V.", "Koninklijke Philips NV"),
    ("Samsung Electronics Co., Ltd.", "Samsung Electronics Company Limited"),
    ("LG Electronics Inc.", "LG Electronics Incorporated"),
    ("Sony Group Corporation", "Sony Group Corp."),
    ("Toyota Motor Corporation", "TOYOTA MOTOR CORP"),
    ("Tata Steel Limited", "Tata Steel Ltd"),
    ("Reliance Industries Limited", "Reliance Industries Ltd."),
    ("ПАО «Газпром»", "PJSC Gazprom"),
    ("ПАО «Лукойл»", "Lukoil PJSC"),
    ("ПАО «Газпром нефть»", "Gazprom Neft PJSC"),
    ("ПАО «Транснефть»", "Transneft PJSC"),
    ("ПАО «Северсталь»", "PAO Severstal"),
    ("ПАО «Аэрофлот»", "Aeroflot PJSC"),
    ("GAZPROM TRANSGAZ VOLGOGRAD, OOO", "Gazprom Transgaz Volgograd LLC"),
    ("AK TRANSNEFT OAO", "OAO AK Transneft"),
    ("BANK OF KUNLUN CO LTD", "Bank of Kunlun Company Limited"),
    ("GBS TRADING S.A.", "GBS Trading SA"),
    ("200G PSA HOLDINGS LLC", "200G PSA Holdings L.L.C."),
    ("Gulf Gate Shipping Co. LLC", "Gulf Gate Shipping Company L.L.C."),
    ("ACTeam Logistics Ltd.", "ACTEAM LOGISTICS LIMITED"),
    ("32 Group China Ltd.", "32 Group (China) Limited"),
    ("ZDAS (HK) Company", "ZDAS Hong Kong Company"),
    ("A.P. Finance Limited", "AP Finance Ltd."),
    ("A.C. International", "A C International"),
    ("3K Aviation Consulting and Logistics", "3K Aviation Consulting & Logistics"),
    ("ADOLFO FONNEGRA ESPEJO TRADING & INVESTMENT", "Adolfo Fonnegra Espejo Trading and Investment"),
]
# Different companies that share words.
LATIN_DIFFERENT = [
    ("Samsung Electronics Co., Ltd.", "Samsung SDI Co., Ltd."),
    ("LG Electronics Inc.", "LG Chem Ltd."),
    ("PJSC Gazprom", "Gazprombank JSC"),
    ("Gazprom Neft PJSC", "GAZPROM TRANSGAZ VOLGOGRAD, OOO"),
    ("Siemens AG", "Siemens Energy AG"),
    ("Siemens AG", "Siemens Healthineers AG"),
    ("Toyota Motor Corporation", "Toyota Tsusho Corporation"),
    ("Tata Steel Limited", "Tata Motors Limited"),
    ("Reliance Industries Limited", "Reliance Retail Limited"),
    ("Banco Santander, S.A.", "Banco de Sabadell, S.A."),
    ("Sony Group Corporation", "Sony Interactive Entertainment LLC"),
    ("Gulf Gate Shipping Co. LLC", "Gulf Gate Sea Cargo LLC"),
    ("ACTeam Logistics Ltd.", "Acme Logistics Ltd."),
    ("BANK OF KUNLUN CO LTD", "Kunlun Energy Company Limited"),
    ("GBS TRADING S.A.", "GCS Trading S.A."),
    ("A.P. Finance Limited", "A.B. Finance Limited"),
    ("Huawei Technologies Co., Ltd.", "Huawei Device Co., Ltd."),
    ("华为技术有限公司", "华为终端有限公司"),
    ("Haier Group Corporation", "Hisense Group Co., Ltd."),
    ("Beijing Xiaomi Technology Co., Ltd.", "Beijing Baidu Netcom Science and Technology Co., Ltd."),
    ("Zhejiang Dahua Technology Co., Ltd.", "Zhejiang Longsheng Group Co., Ltd."),
    ("Jiangsu Hengrui Medicine Co., Ltd.", "Jiangsu Yanghe Brewery Joint-Stock Co., Ltd."),
    ("Shenzhen Transsion Holdings Co., Ltd.", "Shenzhen Inovance Technology Co., Ltd."),
    ("深圳传音控股股份有限公司", "深圳市汇川技术股份有限公司"),
    (
        "Guangzhou Baiyunshan Pharmaceutical Holdings Co., Ltd.",
        "Guangzhou Xiaopeng Motors Technology Co., Ltd.",
    ),
    ("Anta Sports Products Limited", "Li Ning (China) Sports Goods Co., Ltd."),
    ("China Mengniu Dairy Company Limited", "Inner Mongolia Yili Industrial Group Co., Ltd."),
    ("内蒙古伊利实业集团股份有限公司", "内蒙古蒙牛乳业(集团)股份有限公司"),
]
# Shop names of the 'City + name + trade' pattern, in pairs that differ (never homophones).
SHOP_PAIRS = [
    ("鑫达", "新华"),
    ("宏达", "鸿鑫"),
    ("华鑫", "华夏"),
    ("金龙", "金鹏"),
    ("天力", "天龙"),
    ("永盛", "永昌"),
    ("恒通", "恒泰"),
    ("盛世", "盛达"),
    ("东方", "东盛"),
    ("富华", "富达"),
    ("联创", "联发"),
    ("星辉", "星光"),
    ("海达", "海德"),
    ("瑞丰", "瑞达"),
    ("凯越", "凯达"),
    ("百盛", "百汇"),
    ("华美", "华晨"),
    ("中天", "中泰"),
]
PINYIN_OF = {
    "鑫达": "Xinda",
    "新华": "Xinhua",
    "宏达": "Hongda",
    "鸿鑫": "Hongxin",
    "华鑫": "Huaxin",
    "华夏": "Huaxia",
    "金龙": "Jinlong",
    "金鹏": "Jinpeng",
    "天力": "Tianli",
    "天龙": "Tianlong",
    "永盛": "Yongsheng",
    "永昌": "Yongchang",
    "恒通": "Hengtong",
    "恒泰": "Hengtai",
    "盛世": "Shengshi",
    "盛达": "Shengda",
    "东方": "Dongfang",
    "东盛": "Dongsheng",
    "富华": "Fuhua",
    "富达": "Fuda",
    "联创": "Lianchuang",
    "联发": "Lianfa",
    "星辉": "Xinghui",
    "星光": "Xingguang",
    "海达": "Haida",
    "海德": "Haide",
    "瑞丰": "Ruifeng",
    "瑞达": "Ruida",
    "凯越": "Kaiyue",
    "凯达": "Kaida",
    "百盛": "Baisheng",
    "百汇": "Baihui",
    "华美": "Huamei",
    "华晨": "Huachen",
    "中天": "Zhongtian",
    "中泰": "Zhongtai",
}
CITIES = [
    ("深圳", "Shenzhen"),
    ("广州", "Guangzhou"),
    ("义乌", "Yiwu"),
    ("东莞", "Dongguan"),
    ("宁波", "Ningbo"),
]
TRADES = [
    ("贸易", "Trading"),
    ("电子", "Electronics"),
    ("进出口", "Import and Export"),
    ("科技", "Technology"),
]
ADDRESS = ", Room 1905, 19/F, No. 18 Shennan Road, Futian District"


def _split(pinyin: str) -> str:
    """'Xinda' -> 'Xin Da': the syllables written apart, as some forms do."""
    for i in range(2, len(pinyin) - 1):
        head, tail = pinyin[:i], pinyin[i:]
        if tail[0].lower() in "bcdfghjklmnpqrstwxyz" and head[-1].lower() in "aeiougn":
            return f"{head} {tail.capitalize()}"
    return pinyin


def rows() -> list[tuple[str, str, str, str]]:
    out: list[tuple[str, str, str, str]] = []

    def add(left: str, right: str, match: bool, kind: str) -> None:
        out.append((left, right, "match" if match else "no_match", kind))

    for zh, en in PINYIN:
        add(zh, en, True, "cross_script")
        add(en, en.upper().replace(",", "").replace(".", ""), True, "case_punctuation")
        add(zh + ADDRESS.replace("Room", "深圳市福田区"), en, True, "address")
        add(en + ADDRESS, en, True, "address")
    for zh, en in TRANSLATED:
        add(zh, en, True, "cross_script_translated")
    for left, right in LATIN_SAME:
        add(left, right, True, "legal_form_or_script")
    for left, right in LATIN_DIFFERENT:
        add(left, right, False, "different_company_shared_words")
    for n, (a, b) in enumerate(SHOP_PAIRS):
        zh_city, city = CITIES[n % len(CITIES)]
        zh_trade, trade = TRADES[n % len(TRADES)]
        pa, pb = PINYIN_OF[a], PINYIN_OF[b]
        a_zh, a_en = f"{zh_city}市{a}{zh_trade}有限公司", f"{city} {pa} {trade} Co., Ltd."
        b_zh, b_en = f"{zh_city}市{b}{zh_trade}有限公司", f"{city} {pb} {trade} Co., Ltd."
        # The same company, written other ways.
        add(a_zh, a_en, True, "cross_script")
        add(b_zh, b_en, True, "cross_script")
        add(a_en, f"{pa} {trade} ({city}) Company Limited", True, "word_order")
        add(b_en, f"{pb} {trade} ({city}) Co. Ltd", True, "word_order")
        add(a_en, f"{city} {_split(pa)} {trade} Co Ltd", True, "spacing")
        add(a_en, f"{city} {pa} {trade} Youxian Gongsi", True, "pinyin_legal_form")
        add(a_zh, f"{pa.upper()} {trade.upper()} ({city.upper()}) LIMITED", True, "cross_script_word_order")
        # Different companies that share the city and the trade, or the shop name.
        add(a_en, b_en, False, "near_miss_shop_name")
        add(a_zh, b_zh, False, "near_miss_shop_name")
        add(a_zh, b_en, False, "near_miss_shop_name_cross_script")
        other_trade = TRADES[(n + 1) % len(TRADES)]
        add(a_en, f"{city} {pa} {other_trade[1]} Co., Ltd.", False, "near_miss_other_trade")
        add(a_zh, f"{zh_city}市{a}{other_trade[0]}有限公司", False, "near_miss_other_trade")
        other_city = CITIES[(n + 2) % len(CITIES)]
        add(a_en, f"{other_city[1]} {pa} {trade} Co., Ltd.", False, "near_miss_other_city")
    return out


def main() -> None:
    with OUT.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["left", "right", "label", "kind"])
        writer.writerows(rows())


if __name__ == "__main__":
    main()
