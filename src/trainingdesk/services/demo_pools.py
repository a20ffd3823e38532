"""Static content pools for the demo-data generator.

Everything here is synthetic. The names are common given and family names of the region combined
at random by the generator; they do not describe real persons. Agencies, crossing points and
training venues carry their publicly known names so that the demo database looks familiar to
coordinators, but the rosters, curricula versions, module hours, mappings, exercises and project
codes are invented for demonstration and testing only.

Script conventions: Afghan names and Dari titles use Persian letter forms (ی U+06CC, ک U+06A9),
with Pashto letters (ګ ځ ښ ړ ډ ټ ڼ ږ ۍ څ) where the name is naturally Pashto; Pakistani names and
Urdu titles use Urdu forms (ی ے ک ہ ھ ٹ ڈ ڑ). Arabic ي (U+064A) and ك (U+0643) never occur.
Persian compounds are joined with ZERO WIDTH NON-JOINER (U+200C) where the orthography wants it.

Former FATA agencies (Khyber, Kurram, the Waziristans, Bajaur), merged in 2018, are listed under
Khyber Pakhtunkhwa; the site name keeps the agency/district for clarity.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "AFGHAN_FAMILY",
    "AFGHAN_FEMALE_GIVEN",
    "AFGHAN_MALE_GIVEN",
    "AGENCIES",
    "COMPETENCIES",
    "CURRICULA",
    "EXERCISE_TITLES",
    "LATIN_VARIANTS",
    "MAPPINGS",
    "PAKISTANI_FAMILY",
    "PAKISTANI_FEMALE_GIVEN",
    "PAKISTANI_MALE_GIVEN",
    "PROJECTS",
    "SITES",
    "AgencySeed",
    "CurriculumSeed",
    "MappingSeed",
    "ModuleSeed",
    "NamePart",
    "SiteSeed",
]


@dataclass(frozen=True)
class NamePart:
    """One name in Latin transliteration and in its native script."""

    latin: str
    native: str


@dataclass(frozen=True)
class AgencySeed:
    """A participating agency with its rank titles and relative share of participants."""

    country: str
    acronym: str
    name: str
    native_name: str
    ranks: tuple[tuple[str, str], ...]
    weight: int


@dataclass(frozen=True)
class SiteSeed:
    """A border crossing point or a training venue."""

    code: str
    name: str
    native_name: str
    country: str
    province: str
    kind: str


@dataclass(frozen=True)
class ModuleSeed:
    """One module of a curriculum."""

    code: str
    title_en: str
    title_local: str
    hours: int
    competencies: tuple[str, ...]
    objectives: tuple[str, ...]


@dataclass(frozen=True)
class CurriculumSeed:
    """A national or joint curriculum version with its modules.

    Adopted on 1 March of the version's year; retired on `retired_on` if given.
    """

    code: str
    title: str
    kind: str
    country: str | None
    owner_acronym: str | None
    version: str
    modules: tuple[ModuleSeed, ...]
    retired_on: str | None = None


@dataclass(frozen=True)
class MappingSeed:
    """How far a national module covers a module of a version of the joint curriculum."""

    national_module: str
    joint_module: str
    equivalence: str
    note: str
    joint_version: str = "2013.1"


_n = NamePart

# ---------------------------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------------------------

# fmt: off
AFGHAN_MALE_GIVEN: tuple[NamePart, ...] = (
    _n("Mohammad", "محمد"), _n("Ahmad", "احمد"), _n("Abdul Rahman", "عبدالرحمن"),
    _n("Hamidullah", "حمیدالله"), _n("Gul Agha", "ګل آغا"), _n("Noor Mohammad", "نور محمد"),
    _n("Abdul Karim", "عبدالکریم"), _n("Karim", "کریم"), _n("Rahim", "رحیم"),
    _n("Abdullah", "عبدالله"), _n("Habibullah", "حبیب الله"), _n("Najibullah", "نجیب الله"),
    _n("Zabihullah", "ذبیح الله"), _n("Rahmatullah", "رحمت الله"), _n("Asadullah", "اسدالله"),
    _n("Sayed", "سید"), _n("Ghulam Sakhi", "غلام سخی"), _n("Mirwais", "میرویس"),
    _n("Zalmai", "ځلمی"), _n("Wahidullah", "وحیدالله"), _n("Fazal Ahmad", "فضل احمد"),
    _n("Shir Agha", "شیر آغا"), _n("Shafiq", "شفیق"), _n("Jawed", "جاوید"),
    _n("Khalid", "خالد"), _n("Tariq", "طارق"), _n("Farid", "فرید"), _n("Nawid", "نوید"),
    _n("Bashir", "بشیر"), _n("Nasir", "ناصر"), _n("Qadir", "قادر"), _n("Aminullah", "امین الله"),
    _n("Ismail", "اسماعیل"), _n("Hussain", "حسین"), _n("Ali", "علی"), _n("Hassan", "حسن"),
    _n("Mahmood", "محمود"), _n("Sharif", "شریف"), _n("Daud", "داوود"), _n("Wali", "ولی"),
    _n("Jan Mohammad", "جان محمد"), _n("Din Mohammad", "دین محمد"), _n("Sher Khan", "شیرخان"),
    _n("Baz Mohammad", "باز محمد"), _n("Abdul Qadir", "عبدالقادر"), _n("Abdul Wahid", "عبدالواحد"),
    _n("Abdul Ghafoor", "عبدالغفور"), _n("Abdul Hadi", "عبدالهادی"), _n("Abdul Basir", "عبدالبصیر"),
    _n("Ajmal", "اجمل"), _n("Haroon", "هارون"), _n("Idrees", "ادریس"), _n("Jamshid", "جمشید"),
    _n("Massoud", "مسعود"), _n("Mustafa", "مصطفی"), _n("Obaidullah", "عبیدالله"),
    _n("Qudratullah", "قدرت الله"), _n("Rafiullah", "رفیع الله"), _n("Samiullah", "سمیع الله"),
    _n("Shah Wali", "شاه ولی"), _n("Emal", "ایمل"), _n("Gul Ahmad", "ګل احمد"),
    _n("Sardar", "سردار"), _n("Lutfullah", "لطف الله"), _n("Dawlat", "دولت"),
    _n("Hekmatullah", "حکمت الله"), _n("Enayatullah", "عنایت الله"),
    _n("Mohammad Nabi", "محمد نبی"),
)

AFGHAN_FEMALE_GIVEN: tuple[NamePart, ...] = (
    _n("Fatima", "فاطمه"), _n("Maryam", "مریم"), _n("Zahra", "زهرا"), _n("Zainab", "زینب"),
    _n("Malalai", "ملالۍ"), _n("Palwasha", "پلوشه"), _n("Zarghona", "زرغونه"), _n("Nazo", "نازو"),
    _n("Spogmai", "سپوږمۍ"), _n("Shukria", "شکریه"), _n("Nasrin", "نسرین"), _n("Farzana", "فرزانه"),
    _n("Shabnam", "شبنم"), _n("Roya", "رویا"), _n("Habiba", "حبیبه"), _n("Sima", "سیما"),
    _n("Nadia", "نادیه"), _n("Freshta", "فرشته"), _n("Hasina", "حسینه"), _n("Laila", "لیلا"),
    _n("Mahbooba", "محبوبه"), _n("Nilofar", "نیلوفر"), _n("Parwin", "پروین"), _n("Sediqa", "صدیقه"),
    _n("Marzia", "مرضیه"), _n("Homa", "هما"), _n("Shakila", "شکیله"), _n("Zakia", "ذکیه"),
    _n("Masooda", "مسعوده"), _n("Gulalai", "ګلالۍ"), _n("Pashtana", "پښتنه"), _n("Wazhma", "وږمه"),
    _n("Rahima", "رحیمه"), _n("Anisa", "انیسه"),
)

AFGHAN_FAMILY: tuple[NamePart, ...] = (
    _n("Ahmadzai", "احمدزی"), _n("Popal", "پوپل"), _n("Safi", "صافی"), _n("Stanikzai", "ستانکزی"),
    _n("Wardak", "وردک"), _n("Mohmand", "مومند"), _n("Shinwari", "شینواری"), _n("Hotak", "هوتک"),
    _n("Niazi", "نیازی"), _n("Sultani", "سلطانی"), _n("Rahimi", "رحیمی"), _n("Hashimi", "هاشمی"),
    _n("Karimi", "کریمی"), _n("Popalzai", "پوپلزی"), _n("Barakzai", "بارکزی"),
    _n("Alokozai", "علیکوزی"), _n("Achakzai", "اڅکزی"), _n("Sherzai", "شیرزی"),
    _n("Noorzai", "نورزی"), _n("Ishaqzai", "اسحاقزی"), _n("Kakar", "کاکړ"), _n("Mangal", "منګل"),
    _n("Zadran", "ځدراڼ"), _n("Jaji", "جاجی"), _n("Durrani", "درانی"), _n("Amiri", "امیری"),
    _n("Sadat", "سادات"), _n("Hussaini", "حسینی"), _n("Mohammadi", "محمدی"), _n("Azizi", "عزیزی"),
    _n("Noori", "نوری"), _n("Qaderi", "قادری"), _n("Samadi", "صمدی"), _n("Habibi", "حبیبی"),
    _n("Faizi", "فیضی"), _n("Naseri", "ناصری"), _n("Akbari", "اکبری"), _n("Haidari", "حیدری"),
    _n("Jalali", "جلالی"), _n("Hakimi", "حکیمی"), _n("Osmani", "عثمانی"), _n("Ludin", "لودین"),
    _n("Khogyani", "خوګیانی"), _n("Omarkhel", "عمرخیل"), _n("Totakhil", "توتاخیل"),
    _n("Andar", "اندړ"), _n("Rahmani", "رحمانی"), _n("Taniwal", "تڼیوال"),
)

PAKISTANI_MALE_GIVEN: tuple[NamePart, ...] = (
    _n("Muhammad", "محمد"), _n("Ahmed", "احمد"), _n("Ali", "علی"), _n("Imran", "عمران"),
    _n("Asif", "آصف"), _n("Tariq", "طارق"), _n("Kamran", "کامران"), _n("Faisal", "فیصل"),
    _n("Usman", "عثمان"), _n("Bilal", "بلال"), _n("Hamza", "حمزہ"), _n("Zia ul Haq", "ضیاءالحق"),
    _n("Yousaf", "یوسف"), _n("Hussain", "حسین"), _n("Shahid", "شاہد"), _n("Naveed", "نوید"),
    _n("Waqar", "وقار"), _n("Zubair", "زبیر"), _n("Adnan", "عدنان"), _n("Saleem", "سلیم"),
    _n("Nadeem", "ندیم"), _n("Rashid", "راشد"), _n("Khurram", "خرم"), _n("Irfan", "عرفان"),
    _n("Sajid", "ساجد"), _n("Javed", "جاوید"), _n("Zahid", "زاہد"), _n("Farooq", "فاروق"),
    _n("Iftikhar", "افتخار"), _n("Ijaz", "اعجاز"), _n("Mushtaq", "مشتاق"), _n("Shahzad", "شہزاد"),
    _n("Aamir", "عامر"), _n("Arshad", "ارشد"), _n("Aslam", "اسلم"), _n("Waseem", "وسیم"),
    _n("Junaid", "جنید"), _n("Qaiser", "قیصر"), _n("Sohail", "سہیل"), _n("Tahir", "طاہر"),
    _n("Umar", "عمر"), _n("Zafar", "ظفر"), _n("Gul Zaman", "گل زمان"), _n("Sher Afzal", "شیر افضل"),
    _n("Noor Muhammad", "نور محمد"), _n("Abdul Rehman", "عبدالرحمٰن"),
    _n("Abdul Qayyum", "عبدالقیوم"), _n("Abdul Ghani", "عبدالغنی"),
    _n("Ghulam Mustafa", "غلام مصطفیٰ"), _n("Ghulam Rasool", "غلام رسول"),
    _n("Ataullah", "عطاء اللہ"), _n("Inayatullah", "عنایت اللہ"), _n("Sanaullah", "ثناء اللہ"),
    _n("Saifullah", "سیف اللہ"), _n("Kifayatullah", "کفایت اللہ"), _n("Mehmood", "محمود"),
    _n("Sarfraz", "سرفراز"), _n("Mansoor", "منصور"), _n("Riaz", "ریاض"), _n("Fahad", "فہد"),
    _n("Yasir", "یاسر"), _n("Zeeshan", "ذیشان"), _n("Shoaib", "شعیب"), _n("Pervaiz", "پرویز"),
    _n("Jahangir", "جہانگیر"), _n("Nawaz", "نواز"), _n("Dost Muhammad", "دوست محمد"),
    _n("Bakht Zada", "بخت زادہ"), _n("Allah Bakhsh", "اللہ بخش"), _n("Khuda Bakhsh", "خدا بخش"),
    _n("Murad", "مراد"), _n("Hayat", "حیات"), _n("Jan Muhammad", "جان محمد"),
    _n("Liaquat", "لیاقت"), _n("Raheel", "راحیل"), _n("Wajid", "واجد"),
)

PAKISTANI_FEMALE_GIVEN: tuple[NamePart, ...] = (
    _n("Ayesha", "عائشہ"), _n("Fatima", "فاطمہ"), _n("Sana", "ثنا"), _n("Saima", "صائمہ"),
    _n("Nazia", "نازیہ"), _n("Rabia", "رابعہ"), _n("Amna", "آمنہ"), _n("Bushra", "بشریٰ"),
    _n("Farah", "فرح"), _n("Hina", "حنا"), _n("Iqra", "اقرا"), _n("Kiran", "کرن"),
    _n("Mehwish", "مہوش"), _n("Nadia", "نادیہ"), _n("Nida", "ندا"), _n("Rubina", "روبینہ"),
    _n("Samina", "ثمینہ"), _n("Shazia", "شازیہ"), _n("Sadia", "سعدیہ"), _n("Uzma", "عظمیٰ"),
    _n("Zainab", "زینب"), _n("Naila", "نائلہ"), _n("Asma", "اسماء"), _n("Madiha", "مدیحہ"),
    _n("Tahira", "طاہرہ"), _n("Shabana", "شبانہ"), _n("Gulalai", "گلالئی"), _n("Mehnaz", "مہناز"),
    _n("Saba", "صبا"), _n("Humaira", "حمیرا"), _n("Lubna", "لبنیٰ"),
)

PAKISTANI_FAMILY: tuple[NamePart, ...] = (
    _n("Khan", "خان"), _n("Afridi", "آفریدی"), _n("Yousafzai", "یوسفزئی"), _n("Baloch", "بلوچ"),
    _n("Bugti", "بگٹی"), _n("Qureshi", "قریشی"), _n("Malik", "ملک"), _n("Chaudhry", "چوہدری"),
    _n("Butt", "بٹ"), _n("Awan", "اعوان"), _n("Shah", "شاہ"), _n("Bangash", "بنگش"),
    _n("Khattak", "خٹک"), _n("Marri", "مری"), _n("Mengal", "مینگل"), _n("Raisani", "رئیسانی"),
    _n("Jamali", "جمالی"), _n("Achakzai", "اچکزئی"), _n("Kakar", "کاکڑ"), _n("Mohmand", "مہمند"),
    _n("Shinwari", "شنواری"), _n("Wazir", "وزیر"), _n("Mehsud", "محسود"), _n("Dawar", "داوڑ"),
    _n("Orakzai", "اورکزئی"), _n("Turi", "طوری"), _n("Swati", "سواتی"), _n("Tanoli", "تنولی"),
    _n("Gondal", "گوندل"), _n("Bhatti", "بھٹی"), _n("Cheema", "چیمہ"), _n("Abbasi", "عباسی"),
    _n("Siddiqui", "صدیقی"), _n("Hashmi", "ہاشمی"), _n("Rizvi", "رضوی"), _n("Naqvi", "نقوی"),
    _n("Jadoon", "جدون"), _n("Mughal", "مغل"), _n("Janjua", "جنجوعہ"), _n("Kiyani", "کیانی"),
    _n("Niazi", "نیازی"), _n("Satti", "ستی"), _n("Zehri", "زہری"), _n("Tareen", "ترین"),
    _n("Mandokhel", "مندوخیل"), _n("Kasi", "کاسی"), _n("Rehman", "رحمان"),
)
# fmt: on

#: Alternative Latin spellings of a pool name, for realistic near-duplicate records.
LATIN_VARIANTS: dict[str, tuple[str, ...]] = {
    "Mohammad": ("Muhammad", "Mohammed", "Mohamad", "Muhammed"),
    "Muhammad": ("Mohammad", "Mohammed", "Muhammed"),
    "Ahmad": ("Ahmed", "Ahmmad"),
    "Ahmed": ("Ahmad",),
    "Karim": ("Kareem", "Kerim"),
    "Yousaf": ("Yusuf", "Yousuf", "Yusaf"),
    "Hussain": ("Hussein", "Husain", "Husayn"),
    "Rehman": ("Rahman", "Rahmaan"),
    "Abdul Rahman": ("Abdulrahman", "Abdur Rahman", "Abdul Rehman"),
    "Abdul Rehman": ("Abdur Rehman", "Abdul Rahman", "Abdulrehman"),
    "Hamidullah": ("Hamid Ullah", "Hamidulla", "Hameedullah"),
    "Habibullah": ("Habib Ullah", "Habibulla"),
    "Najibullah": ("Najib Ullah", "Najibulla"),
    "Zabihullah": ("Zabiullah", "Zabih Ullah"),
    "Noor Mohammad": ("Nur Mohammad", "Noor Muhammad", "Noormohammad"),
    "Gul Agha": ("Gulagha", "Gul Aqa"),
    "Zia ul Haq": ("Ziaulhaq", "Zia-ul-Haq", "Zia Ul Haq"),
    "Jawed": ("Javed", "Javid", "Jawid"),
    "Mahmood": ("Mahmud", "Mehmood", "Mahmoud"),
    "Daud": ("Dawood", "Dawud", "Dawod"),
    "Usman": ("Osman", "Othman"),
    "Farooq": ("Faruq", "Farouk"),
    "Qadir": ("Kadir", "Qader"),
    "Tariq": ("Tarik", "Tareq"),
    "Shahzad": ("Shehzad",),
    "Naveed": ("Navid", "Nawid"),
    "Waseem": ("Wasim",),
    "Saleem": ("Salim",),
    "Fatima": ("Fatema", "Fatimah"),
    "Zainab": ("Zaynab", "Zeinab"),
    "Ayesha": ("Aisha", "Aysha"),
    "Chaudhry": ("Chaudhary", "Choudhry", "Chaudhri"),
    "Qureshi": ("Quraishi", "Qurashi"),
    "Ahmadzai": ("Ahmedzai", "Ahmadzay"),
    "Stanikzai": ("Stanekzai", "Staneckzai"),
    "Yousafzai": ("Yousufzai", "Yusufzai"),
    "Shinwari": ("Shinwary", "Shinwarai"),
    "Afridi": ("Afreedi",),
    "Siddiqui": ("Siddiqi", "Sidiqui"),
}

# ---------------------------------------------------------------------------------------------
# Agencies
# ---------------------------------------------------------------------------------------------

# fmt: off
_ANP_RANKS: tuple[tuple[str, str], ...] = (
    ("Patrolman", "junior"), ("Sergeant", "junior"), ("Second Lieutenant", "junior"),
    ("First Lieutenant", "junior"), ("Captain", "middle"), ("Major", "middle"),
    ("Lieutenant Colonel", "senior"), ("Colonel", "senior"), ("Brigadier General", "senior"),
    ("Civilian Staff", "civilian"),
)

_FC_RANKS: tuple[tuple[str, str], ...] = (
    ("Sepoy", "junior"), ("Lance Naik", "junior"), ("Naik", "junior"), ("Havildar", "junior"),
    ("Naib Subedar", "junior"), ("Subedar", "middle"), ("Subedar Major", "middle"),
    ("Captain", "middle"), ("Major", "middle"), ("Lieutenant Colonel", "senior"),
    ("Colonel", "senior"),
)

_PK_POLICE_RANKS: tuple[tuple[str, str], ...] = (
    ("Constable", "junior"), ("Head Constable", "junior"), ("Assistant Sub-Inspector", "junior"),
    ("Sub-Inspector", "junior"), ("Inspector", "middle"), ("Assistant Director", "middle"),
    ("Deputy Director", "senior"), ("Director", "senior"),
)

AGENCIES: tuple[AgencySeed, ...] = (
    AgencySeed("AF", "ABP", "Afghan Border Police", "پولیس سرحدی افغانستان", _ANP_RANKS, 30),
    AgencySeed("AF", "ACD", "Afghan Customs Department", "ریاست عمومی گمرکات افغانستان",
               (("Customs Officer", "junior"), ("Customs Inspector", "junior"),
                ("Senior Customs Officer", "middle"), ("Head of Customs House", "middle"),
                ("Deputy Director", "senior"), ("Director", "senior"),
                ("Administrative Officer", "civilian")), 16),
    AgencySeed("AF", "CNPA", "Counter Narcotics Police of Afghanistan",
               "پولیس مبارزه با مواد مخدر افغانستان", _ANP_RANKS, 10),
    AgencySeed("AF", "ANPA", "Afghan National Police Academy", "اکادمی پولیس ملی افغانستان",
               (*_ANP_RANKS[3:9], ("Instructor", "civilian")), 4),
    AgencySeed("AF", "MOCI", "Ministry of Commerce and Industries", "وزارت تجارت و صنایع",
               (("Trade Officer", "civilian"), ("Senior Trade Officer", "civilian"),
                ("Head of Section", "civilian"), ("Director", "senior")), 3),
    AgencySeed("PK", "PC", "Pakistan Customs", "پاکستان کسٹمز",
               (("Sepoy", "junior"), ("Preventive Officer", "junior"),
                ("Appraising Officer", "junior"), ("Inspector", "junior"),
                ("Superintendent", "middle"), ("Assistant Collector", "middle"),
                ("Deputy Collector", "middle"), ("Additional Collector", "senior"),
                ("Collector", "senior")), 16),
    AgencySeed("PK", "FC-KP", "Frontier Corps Khyber Pakhtunkhwa", "فرنٹیئر کور خیبر پختونخوا",
               _FC_RANKS, 13),
    AgencySeed("PK", "FC-B", "Frontier Corps Balochistan", "فرنٹیئر کور بلوچستان", _FC_RANKS, 10),
    AgencySeed("PK", "FIA", "Federal Investigation Agency", "وفاقی تحقیقاتی ادارہ",
               _PK_POLICE_RANKS, 7),
    AgencySeed("PK", "ANF", "Anti-Narcotics Force", "انسداد منشیات فورس",
               (*_PK_POLICE_RANKS[:7], ("Major", "middle"), ("Lieutenant Colonel", "senior")), 7),
    AgencySeed("PK", "KKF", "Khyber Khasadar Force", "خیبر خاصہ دار فورس",
               (("Sepoy", "junior"), ("Naik", "junior"), ("Havildar", "junior"),
                ("Subedar", "middle"), ("Subedar Major", "middle")), 3),
    AgencySeed("PK", "MOI-PK", "Ministry of Interior, Government of Pakistan",
               "وزارت داخلہ، حکومت پاکستان",
               (("Assistant", "civilian"), ("Section Officer", "civilian"),
                ("Deputy Secretary", "senior"), ("Joint Secretary", "senior")), 2),
)
# fmt: on

# ---------------------------------------------------------------------------------------------
# Sites
# ---------------------------------------------------------------------------------------------

_X = "crossing"
_T = "training_centre"
_KP = "Khyber Pakhtunkhwa"
_BL = "Balochistan"

# fmt: off
SITES: tuple[SiteSeed, ...] = (
    # Afghan side of the crossings
    SiteSeed("TKM-AF", "Torkham (Nangarhar side)", "تورخم (ننگرهار)", "AF", "Nangarhar", _X),
    SiteSeed("SPB-AF", "Spin Boldak (Kandahar side)", "سپین بولدک (کندهار)", "AF", "Kandahar", _X),
    SiteSeed("GRB-AF", "Gurbuz (Khost side of Ghulam Khan)", "گربز (خوست)", "AF", "Khost", _X),
    SiteSeed("BRM-AF", "Barmal (Paktika side of Angoor Adda)",
             "برمل (پکتیکا)", "AF", "Paktika", _X),
    SiteSeed("DDP-AF", "Dand-e-Patan (Paktia side)", "دند پتان (پکتیا)", "AF", "Paktia", _X),
    # Pakistani side of the crossings
    SiteSeed("TKM-PK", "Torkham (Khyber side)", "طورخم (خیبر)", "PK", _KP, _X),
    SiteSeed("CHM-PK", "Chaman (Balochistan side)", "چمن (بلوچستان)", "PK", _BL, _X),
    SiteSeed("GKN-PK", "Ghulam Khan (North Waziristan)",
             "غلام خان (شمالی وزیرستان)", "PK", _KP, _X),
    SiteSeed("ANG-PK", "Angoor Adda (South Waziristan)",
             "انگور اڈہ (جنوبی وزیرستان)", "PK", _KP, _X),
    SiteSeed("KHL-PK", "Kharlachi (Kurram)", "خرلاچی (کرم)", "PK", _KP, _X),
    SiteSeed("NWP-PK", "Nawa Pass (Bajaur)", "ناوا پاس (باجوڑ)", "PK", _KP, _X),
    SiteSeed("ARD-PK", "Arandu (Chitral)", "ارندو (چترال)", "PK", _KP, _X),
    SiteSeed("BDN-PK", "Badini (Killa Saifullah)", "بادینی (قلعہ سیف اللہ)", "PK", _BL, _X),
    # Training venues
    SiteSeed("ABPTC-KBL", "Afghan Border Police Training Centre, Kabul",
             "مرکز آموزشی پولیس سرحدی، کابل", "AF", "Kabul", _T),
    SiteSeed("CTA-KBL", "Customs Training Academy, Kabul",
             "اکادمی آموزشی گمرکات، کابل", "AF", "Kabul", _T),
    SiteSeed("ANPA-KBL", "Afghan National Police Academy, Kabul",
             "اکادمی پولیس ملی افغانستان، کابل", "AF", "Kabul", _T),
    SiteSeed("ABPRTC-JAA", "ABP Regional Training Centre, Jalalabad",
             "مرکز آموزشی منطقوی پولیس سرحدی، جلال‌آباد", "AF", "Nangarhar", _T),
    SiteSeed("CTA-KHI", "Customs Training Academy, Karachi",
             "کسٹمز ٹریننگ اکیڈمی، کراچی", "PK", "Sindh", _T),
    SiteSeed("FIA-ISB", "FIA Academy, Islamabad",
             "ایف آئی اے اکیڈمی، اسلام آباد", "PK", "Islamabad Capital Territory", _T),
    SiteSeed("FCHQ-PEW", "Frontier Corps Headquarters, Bala Hisar, Peshawar",
             "فرنٹیئر کور ہیڈکوارٹرز، بالا حصار، پشاور", "PK", _KP, _T),
    SiteSeed("DXB-AE", "Dubai Process workshop venue, Dubai",
             "محل برگزاری نشست‌های پروسه دبی، دبی", "AE", "Dubai", _T),
    SiteSeed("BMSC-DYU", "OSCE Border Management Staff College, Dushanbe",
             "کالج ستاف مدیریت سرحدات سازمان امنیت و همکاری در اروپا، دوشنبه", "TJ", "Dushanbe",
             _T),
)
# fmt: on

# ---------------------------------------------------------------------------------------------
# Competencies and curricula
# ---------------------------------------------------------------------------------------------

COMPETENCIES: tuple[tuple[str, str, str], ...] = (
    ("DOC", "Document examination", "بررسی اسناد"),
    ("RISK", "Risk analysis and profiling", "تحلیل خطر و پروفایل‌سازی"),
    ("SRCH", "Search of persons and cargo", "تلاشی اشخاص و محموله‌ها"),
    ("DRUG", "Drug and precursor identification", "شناسایی مواد مخدر و مواد کیمیاوی اولیه"),
    ("HRG", "Human rights and gender", "حقوق بشر و جندر"),
    ("XBC", "Cross-border cooperation", "همکاری‌های فرامرزی"),
    ("BLO", "Border liaison office procedures", "طرزالعمل‌های دفاتر ارتباط سرحدی"),
    ("CVT", "Customs valuation and tariff classification", "ارزش‌گذاری گمرکی و طبقه‌بندی تعرفه"),
    ("INT", "Intelligence and information sharing", "استخبارات و تبادل معلومات"),
    ("FAID", "First aid in the field", "کمک‌های اولیه در ساحه"),
    ("PTRL", "Border patrolling and surveillance", "گزمه و نظارت سرحدی"),
    ("INTG", "Integrity and anti-corruption", "صداقت و مبارزه با فساد"),
)

_m = ModuleSeed

# fmt: off
_ABP_MODULES: tuple[ModuleSeed, ...] = (
    _m("ABP-101", "Introduction to border management and Afghan border law",
       "مقدمه‌ای بر مدیریت سرحدات و قوانین سرحدی افغانستان", 16, ("XBC", "HRG"),
       ("Describe the mandate of the Afghan Border Police within the Ministry of Interior",
        "Explain the legal basis for controls at official crossing points")),
    _m("ABP-102", "Border patrolling and surveillance", "گزمه و نظارت سرحدی", 32, ("PTRL",),
       ("Plan and conduct a foot and vehicle patrol along the border strip",
        "Record and report observations using the standard patrol log",
        "Apply rules for the use of force during patrols")),
    _m("ABP-103", "Search of persons and vehicles", "تلاشی اشخاص و وسایط نقلیه", 24, ("SRCH",),
       ("Conduct a systematic search of a person with due respect for dignity",
        "Search a passenger vehicle and identify common concealment places")),
    _m("ABP-104", "Travel document examination", "بررسی اسناد سفر", 16, ("DOC",),
       ("Identify the security features of Afghan and Pakistani passports and Tazkiras",
        "Detect common alterations and substitutions in travel documents")),
    _m("ABP-105", "Narcotics identification and field testing",
       "شناسایی مواد مخدر و آزمایش ساحوی", 16, ("DRUG",),
       ("Recognise opium, heroin and cannabis products by appearance and packaging",
        "Use a field test kit safely and record the result")),
    _m("ABP-106", "Human rights, gender and treatment of detainees",
       "حقوق بشر، جندر و برخورد با بازداشت‌شدگان", 8, ("HRG",),
       ("Apply national and international standards when detaining a person",
        "Arrange searches of women by female officers")),
    _m("ABP-107", "Reporting and information handling", "گزارش‌دهی و مدیریت معلومات", 12,
       ("INT",),
       ("Write a clear incident report within the required time",
        "Handle and pass on information according to its classification")),
    _m("ABP-108", "First aid and casualty evacuation", "کمک‌های اولیه و انتقال مجروحین", 12,
       ("FAID",),
       ("Apply basic life-saving measures to a casualty",
        "Organise the evacuation of an injured colleague to the nearest clinic")),
    _m("ABP-109", "Mine and explosive hazard awareness", "آگاهی از ماین و مواد منفجره", 8,
       ("PTRL",),
       ("Recognise signs of mines and unexploded ordnance along patrol routes",
        "Mark and report a suspected hazard without approaching it")),
)

_ACD_MODULES: tuple[ModuleSeed, ...] = (
    _m("ACD-201", "Customs legislation and clearance procedures",
       "قانون گمرکات و طرزالعمل‌های ترخیص", 24, ("CVT",),
       ("Explain the main provisions of the Customs Law of Afghanistan",
        "Process a goods declaration from lodgement to release")),
    _m("ACD-202", "Tariff classification under the Harmonized System",
       "طبقه‌بندی تعرفه بر اساس سیستم هماهنگ", 24, ("CVT",),
       ("Apply the General Interpretative Rules of the Harmonized System",
        "Classify common transit and import goods to the national tariff line")),
    _m("ACD-203", "Customs valuation methods", "روش‌های ارزش‌گذاری گمرکی", 16, ("CVT",),
       ("Determine the transaction value of imported goods",
        "Recognise indicators of under-invoicing")),
    _m("ACD-204", "Risk management and selectivity in ASYCUDA",
       "مدیریت خطر و انتخاب‌گری در سیستم اسیکودا", 16, ("RISK", "INT"),
       ("Explain how red, yellow and green lanes are assigned",
        "Propose a risk profile from seizure data")),
    _m("ACD-205", "Physical examination of cargo", "معاینه فزیکی محموله‌ها", 16, ("SRCH",),
       ("Plan and carry out the examination of a container or truck load",
        "Document findings and sample goods correctly")),
    _m("ACD-206", "Integrity and code of conduct", "صداقت و کود سلوک", 8, ("INTG",),
       ("Identify situations of conflict of interest at the customs house",
        "Describe the procedure for reporting corruption")),
)

_PCA_MODULES: tuple[ModuleSeed, ...] = (
    _m("PCA-301", "Customs Act 1969 and border procedures",
       "کسٹمز ایکٹ ۱۹۶۹ اور سرحدی طریقہ کار", 24, ("CVT", "XBC"),
       ("Explain the powers of customs officers under the Customs Act 1969",
        "Apply the procedures for goods and passengers at a land customs station")),
    _m("PCA-302", "Anti-smuggling operations and cargo search",
       "انسداد اسمگلنگ کارروائیاں اور سامان کی تلاشی", 24, ("SRCH", "RISK"),
       ("Organise an anti-smuggling check at a land route",
        "Search trucks and containers for concealed goods")),
    _m("PCA-303", "Valuation and PCT classification", "ویلیوایشن اور پی سی ٹی درجہ بندی", 24,
       ("CVT",),
       ("Classify goods under the Pakistan Customs Tariff",
        "Determine customs value using the valuation rulings")),
    _m("PCA-304", "Narcotics detection and precursor control",
       "منشیات کی نشاندہی اور پریکرسر کیمیکلز کا کنٹرول", 16, ("DRUG",),
       ("Identify narcotics and controlled precursor chemicals",
        "Apply safe handling and chain-of-custody rules to seizures")),
    _m("PCA-305", "Risk management and passenger profiling",
       "رسک مینجمنٹ اور مسافروں کی پروفائلنگ", 16, ("RISK",),
       ("Select passengers and consignments for control using risk indicators",
        "Review the outcome of controls to refine profiles")),
    _m("PCA-306", "Afghan transit trade procedures (APTTA)",
       "افغان ٹرانزٹ ٹریڈ کا طریقہ کار (اپٹا)", 12, ("XBC", "CVT"),
       ("Process transit declarations under the 2010 transit trade agreement",
        "Verify seals and documents of transit consignments at exit")),
)

_FC_MODULES: tuple[ModuleSeed, ...] = (
    _m("FC-401", "Border surveillance and patrol drills", "سرحدی نگرانی اور گشت کی مشقیں", 32,
       ("PTRL",),
       ("Conduct day and night patrols along the border",
        "Operate observation posts and report movements")),
    _m("FC-402", "Checkpost operations and vehicle search",
       "چیک پوسٹ آپریشنز اور گاڑیوں کی تلاشی", 24, ("SRCH",),
       ("Run a vehicle checkpost with safe traffic control",
        "Search vehicles and passengers for weapons and contraband")),
    _m("FC-403", "Identification of forged documents", "جعلی دستاویزات کی شناخت", 8, ("DOC",),
       ("Check identity cards and passports for basic signs of forgery",
        "Refer doubtful documents to customs or FIA staff")),
    _m("FC-404", "Counter-narcotics and anti-smuggling interdiction",
       "انسداد منشیات و اسمگلنگ", 16, ("DRUG", "SRCH"),
       ("Recognise common narcotics and their packaging",
        "Hand over seizures to the competent agency with proper records")),
    _m("FC-405", "Human rights and conduct with civilians",
       "انسانی حقوق اور شہریوں سے برتاؤ", 8, ("HRG",),
       ("Treat travellers, women and children with respect during checks",
        "Apply the rules on detention and hand-over of suspects")),
    _m("FC-406", "Combat first aid", "میدانی ابتدائی طبی امداد", 16, ("FAID",),
       ("Stop bleeding and manage a casualty under field conditions",
        "Prepare a casualty for evacuation")),
    _m("FC-407", "Weapons handling and marksmanship", "اسلحہ کا استعمال اور نشانہ بازی", 24,
       ("PTRL",),
       ("Handle and maintain the service rifle safely",
        "Qualify on the standard range practice")),
)

_JBM_MODULES: tuple[ModuleSeed, ...] = (
    _m("JBM-01", "Principles of integrated border management",
       "اصول مدیریت همه‌جانبه سرحدات", 8, ("XBC",),
       ("Explain intra-agency, inter-agency and international cooperation",
        "Relate the national border agencies of both sides to each other")),
    _m("JBM-02", "Document examination and fraud detection", "بررسی اسناد و کشف جعل", 16,
       ("DOC",),
       ("Examine travel and identity documents of both countries",
        "Detect counterfeit, forged and impostor cases",
        "Record and share document-fraud alerts")),
    _m("JBM-03", "Risk analysis and profiling", "تحلیل خطر و پروفایل‌سازی", 16, ("RISK",),
       ("Apply a common risk-indicator format",
        "Build and review profiles for persons and cargo")),
    _m("JBM-04", "Search of persons, vehicles and cargo",
       "تلاشی اشخاص، وسایط نقلیه و محموله‌ها", 24, ("SRCH",),
       ("Apply the joint search standard to persons, vehicles and cargo",
        "Document a search so that the other side can rely on it")),
    _m("JBM-05", "Drug and precursor identification",
       "شناسایی مواد مخدر و مواد کیمیاوی اولیه", 16, ("DRUG",),
       ("Identify narcotics and precursor chemicals such as acetic anhydride",
        "Use field test kits and handle seizures safely")),
    _m("JBM-06", "Human rights and gender in border management",
       "حقوق بشر و جندر در مدیریت سرحدات", 8, ("HRG",),
       ("Apply human-rights standards at crossing points",
        "Plan for the needs of women travellers and female staff")),
    _m("JBM-07", "Border liaison office procedures", "طرزالعمل‌های دفاتر ارتباط سرحدی", 12,
       ("BLO", "XBC"),
       ("Operate a border liaison office communication channel",
        "Agree and record joint actions with the counterpart office")),
    _m("JBM-08", "Customs valuation and tariff classification",
       "ارزش‌گذاری گمرکی و طبقه‌بندی تعرفه", 16, ("CVT",),
       ("Classify goods consistently under the Harmonized System on both sides",
        "Reconcile transit declarations between the two customs services")),
    _m("JBM-09", "Intelligence and information sharing", "استخبارات و تبادل معلومات", 12,
       ("INT", "XBC"),
       ("Apply the agreed rules for exchanging information with the other side",
        "Produce a short joint intelligence summary")),
    _m("JBM-10", "First aid in the field", "کمک‌های اولیه در ساحه", 8, ("FAID",),
       ("Provide first aid to travellers and staff at a crossing point",
        "Coordinate emergency evacuation across the border")),
    _m("JBM-11", "Integrity and anti-corruption at crossing points",
       "صداقت و مبارزه با فساد در گذرگاه‌های سرحدی", 8, ("INTG",),
       ("Identify the risks of corruption in clearance and control work",
        "Apply the joint code of conduct and the reporting channels of both sides")),
    _m("JBM-12", "Non-intrusive inspection and scanner image analysis",
       "بازرسی غیرمداخله‌ای و تحلیل تصاویر اسکنر", 12, ("SRCH", "RISK"),
       ("Read X-ray scanner images of trucks and containers for anomalies",
        "Share scanner findings with the counterpart office in the agreed format")),
)

# The first joint curriculum, as adopted in 2011: shorter document and risk modules, drug
# identification without precursors, and no integrity or scanner modules yet.
_JBM_2011_MODULES: tuple[ModuleSeed, ...] = (
    _m("JBM-01", "Principles of integrated border management",
       "اصول مدیریت همه‌جانبه سرحدات", 8, ("XBC",),
       ("Explain intra-agency, inter-agency and international cooperation",)),
    _m("JBM-02", "Document examination", "بررسی اسناد", 12, ("DOC",),
       ("Examine travel and identity documents of both countries",
        "Detect counterfeit and forged documents")),
    _m("JBM-03", "Risk analysis", "تحلیل خطر", 12, ("RISK",),
       ("Apply risk indicators to persons and cargo",)),
    _m("JBM-04", "Search of persons, vehicles and cargo",
       "تلاشی اشخاص، وسایط نقلیه و محموله‌ها", 24, ("SRCH",),
       ("Apply the joint search standard to persons, vehicles and cargo",)),
    _m("JBM-05", "Narcotics identification", "شناسایی مواد مخدر", 12, ("DRUG",),
       ("Identify opiates and cannabis products and use field test kits",)),
    _m("JBM-06", "Human rights in border management", "حقوق بشر در مدیریت سرحدات", 8,
       ("HRG",),
       ("Apply human-rights standards at crossing points",)),
    _m("JBM-07", "Border liaison office procedures", "طرزالعمل‌های دفاتر ارتباط سرحدی", 12,
       ("BLO", "XBC"),
       ("Operate a border liaison office communication channel",)),
    _m("JBM-08", "Customs valuation and tariff classification",
       "ارزش‌گذاری گمرکی و طبقه‌بندی تعرفه", 16, ("CVT",),
       ("Classify goods under the Harmonized System",)),
    _m("JBM-09", "Information sharing", "تبادل معلومات", 8, ("INT", "XBC"),
       ("Apply the agreed rules for exchanging information with the other side",)),
    _m("JBM-10", "First aid in the field", "کمک‌های اولیه در ساحه", 8, ("FAID",),
       ("Provide first aid to travellers and staff at a crossing point",)),
)
# fmt: on

# fmt: off
CURRICULA: tuple[CurriculumSeed, ...] = (
    CurriculumSeed("AF-ABP-BASIC", "ABP Basic Border Management Course", "national", "AF", "ABP",
                   "2012.1", _ABP_MODULES),
    CurriculumSeed("AF-ACD-CORE", "ACD Customs Officers' Core Course", "national", "AF", "ACD",
                   "2012.2", _ACD_MODULES),
    CurriculumSeed("PK-PC-INDUCT", "Pakistan Customs Induction Course (Preventive)", "national",
                   "PK", "PC", "2011.3", _PCA_MODULES),
    CurriculumSeed("PK-FC-BORDER", "Frontier Corps Border Security Course", "national", "PK",
                   "FC-KP", "2012.1", _FC_MODULES),
    CurriculumSeed("JBM", "Joint Border Management Curriculum", "joint", None, None,
                   "2011.1", _JBM_2011_MODULES, retired_on="2013-03-01"),
    CurriculumSeed("JBM", "Joint Harmonised Border Management Curriculum", "joint", None, None,
                   "2013.1", _JBM_MODULES),
)

MAPPINGS: tuple[MappingSeed, ...] = (
    MappingSeed("ABP-101", "JBM-01", "partial", "National legal framework only; IBM principles "
                "are touched on briefly."),
    MappingSeed("ABP-102", "JBM-07", "none", "Patrolling has no joint module; BLO procedures "
                "are not taught in the ABP course."),
    MappingSeed("ABP-103", "JBM-04", "partial", "Persons and vehicles only; no cargo search."),
    MappingSeed("ABP-104", "JBM-02", "full", "Same content and hours."),
    MappingSeed("ABP-105", "JBM-05", "partial", "No precursor chemicals content."),
    MappingSeed("ABP-106", "JBM-06", "full", "Covers the joint learning objectives."),
    MappingSeed("ABP-107", "JBM-09", "partial", "National reporting only; no "
                "cross-border exchange."),
    MappingSeed("ABP-108", "JBM-10", "full", "Longer than the joint module."),
    MappingSeed("ACD-201", "JBM-08", "partial", "Clearance procedures; classification covered "
                "by ACD-202."),
    MappingSeed("ACD-202", "JBM-08", "full", "Harmonized System classification as in the joint "
                "module."),
    MappingSeed("ACD-203", "JBM-08", "full", "Valuation part of the joint module."),
    MappingSeed("ACD-204", "JBM-03", "full", "Selectivity and profiling for cargo."),
    MappingSeed("ACD-205", "JBM-04", "partial", "Cargo only; no search of persons."),
    MappingSeed("ACD-206", "JBM-11", "full", "Same code of conduct and reporting channels."),
    MappingSeed("PCA-301", "JBM-01", "partial", "Legal basis of controls; IBM concept not taught."),
    MappingSeed("PCA-302", "JBM-04", "full", "Includes persons, vehicles and containers."),
    MappingSeed("PCA-302", "JBM-12", "partial", "Scanner images are read during cargo search; "
                "no joint format for sharing findings."),
    MappingSeed("PCA-303", "JBM-08", "full", "Equivalent content under the Pakistan Customs "
                "Tariff."),
    MappingSeed("PCA-304", "JBM-05", "full", "Includes precursor control."),
    MappingSeed("PCA-305", "JBM-03", "full", "Covers the joint risk-indicator format."),
    MappingSeed("PCA-306", "JBM-07", "partial", "Transit coordination with Afghan customs; no "
                "formal BLO procedures."),
    MappingSeed("FC-401", "JBM-07", "none", "Patrol drills; no liaison-office content."),
    MappingSeed("FC-402", "JBM-04", "partial", "Vehicles and persons at checkposts; no cargo."),
    MappingSeed("FC-403", "JBM-02", "partial", "Eight hours against sixteen; basic checks only."),
    MappingSeed("FC-404", "JBM-05", "partial", "Narcotics only; precursors not covered."),
    MappingSeed("FC-405", "JBM-06", "full", "Covers the joint learning objectives."),
    MappingSeed("FC-406", "JBM-10", "full", "Longer than the joint module."),
    # Against the 2011 joint curriculum, kept for the record of what was mapped then.
    MappingSeed("ABP-103", "JBM-04", "partial", "Persons and vehicles only; no cargo search.",
                "2011.1"),
    MappingSeed("ABP-104", "JBM-02", "full", "Same content.", "2011.1"),
    MappingSeed("ABP-105", "JBM-05", "full", "Same narcotics and field tests.", "2011.1"),
    MappingSeed("ABP-106", "JBM-06", "full", "Covers the joint learning objectives.", "2011.1"),
    MappingSeed("PCA-301", "JBM-01", "partial", "Legal basis of controls only.", "2011.1"),
    MappingSeed("PCA-302", "JBM-04", "full", "Includes persons, vehicles and containers.",
                "2011.1"),
    MappingSeed("PCA-303", "JBM-08", "full", "Equivalent content under the Pakistan Customs "
                "Tariff.", "2011.1"),
    MappingSeed("PCA-304", "JBM-05", "full", "Includes precursor control.", "2011.1"),
    MappingSeed("PCA-305", "JBM-03", "full", "Same risk indicators.", "2011.1"),
    MappingSeed("ABP-108", "JBM-10", "full", "Longer than the joint module.", "2011.1"),
    MappingSeed("FC-406", "JBM-10", "full", "Longer than the joint module.", "2011.1"),
)
# fmt: on

# ---------------------------------------------------------------------------------------------
# Exercises and projects
# ---------------------------------------------------------------------------------------------

# fmt: off
EXERCISE_TITLES: tuple[tuple[str, str, str], ...] = (
    ("joint_exercise", "infrastructure", "Joint traffic-flow exercise at the Torkham gate"),
    ("joint_exercise", "infrastructure", "Spin Boldak–Chaman joint cargo processing exercise"),
    ("joint_exercise", "harmonisation", "Joint simulated interdiction of a precursor consignment"),
    ("joint_exercise", "dialogue", "Joint alert-and-response drill for the border liaison offices"),
    ("course", "harmonisation", "Joint course on precursor chemical identification"),
    ("course", "harmonisation", "Joint course on travel document examination"),
    ("course", "harmonisation", "Train-the-trainer course on the harmonised curriculum"),
    ("course", "harmonisation", "Joint risk analysis and profiling course"),
    ("course", "infrastructure", "Course on non-intrusive inspection equipment at crossing points"),
    ("course", "dialogue", "Course for border liaison officers on information-sharing protocols"),
    ("workshop", "dialogue", "Border liaison officers' dialogue meeting"),
    ("workshop", "harmonisation", "Curriculum harmonisation workshop for training directors"),
    ("workshop", "infrastructure", "Workshop on crossing-point layout and queue management"),
    ("workshop", "harmonisation", "Workshop on mutual recognition of training certificates"),
    ("workshop", "dialogue", "Senior officials' workshop on cross-border cooperation"),
    ("tabletop", "dialogue", "Tabletop exercise on a cross-border incident escalation"),
    ("tabletop", "infrastructure", "Tabletop exercise on crossing closure and reopening"),
    ("tabletop", "harmonisation", "Tabletop exercise on joint handling of seized narcotics"),
    ("tabletop", "dialogue", "Tabletop exercise on information exchange during a smuggling alert"),
    ("field_exercise", "infrastructure", "Joint cargo search exercise at Torkham"),
    ("field_exercise", "infrastructure", "Vehicle search lane exercise at Chaman"),
    ("field_exercise", "harmonisation", "Concealment detection field exercise (joint standard)"),
    ("field_exercise", "infrastructure", "Pedestrian screening field exercise at Ghulam Khan"),
    ("dialogue", "dialogue", "Dubai Process senior-level dialogue"),
    ("dialogue", "dialogue", "Customs-to-customs dialogue on transit trade"),
    ("dialogue", "harmonisation", "Heads of training academies dialogue"),
    ("dialogue", "dialogue", "Provincial border coordination dialogue (Nangarhar–Khyber)"),
    ("dialogue", "infrastructure", "Dialogue on joint crossing-point infrastructure planning"),
)

PROJECTS: tuple[tuple[str, str, str, str, str], ...] = (
    ("APCP-CA-2011", "Canada – Afghanistan–Pakistan Cooperation Process 2011–2014",
     "Global Affairs Canada (then DFAIT)", "2011-04-01", "2014-03-31"),
    ("BLO-JP-2012", "Border liaison office strengthening, Torkham and Chaman (demo project)",
     "Government of Japan", "2012-07-01", "2013-12-31"),
    ("BMT-EU-2014", "Border management training follow-up, bridge phase (demo project)",
     "European Union", "2014-04-01", "2015-03-31"),
)
# fmt: on
