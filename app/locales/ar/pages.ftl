page-shared-by = شاركها { $name } · { $when }
page-live-last-changed = مباشر، آخر تغيير
page-version-taken = النسخة { $n }، التُقطت
page-snapshot-taken = لقطة التُقطت
page-updated-times = { $count ->
    [zero] لم تُحدَّث · آخر مرة
    [one] حُدّثت مرة واحدة · آخر مرة
    [two] حُدّثت مرتين · آخر مرة
    [few] حُدّثت { $count } مرات · آخر مرة
    [many] حُدّثت { $count } مرة · آخر مرة
   *[other] حُدّثت { $count } مرة · آخر مرة
}
page-old-version = أنت تشاهد النسخة { $n }؛ ويرى القراء النسخة { $current }.
page-download = تنزيل:
page-download-markdown = تنزيل بصيغة Markdown
page-download-json = تنزيل بصيغة JSON
page-request-approved = وافق { $name } على طلبك.
page-link-needs-password = يحتاج هذا الرابط إلى كلمة مرور
page-cannot-open-yet = لا يمكنك فتح هذا بعد
page-link-expired = انتهت صلاحية هذا الرابط
page-extend = تمديد
page-extend-note = يُفتح مجددًا لمدة سبعة أيام بالعنوان نفسه. يمكنك تغيير ذلك في نافذة مشاركة المحادثة.
page-go-chats = الانتقال إلى محادثاتك
page-gone-title = لم تعد هذه المحادثة المشتركة متاحة
page-gone-text = ربما حذف مالك الرابط هذا الرابط، أو أن العنوان خاطئ.
page-gone-short = المحادثة المشتركة غير متاحة
page-ask-for-password = اطلب كلمة المرور من الشخص الذي شاركها.
common-open = فتح
page-password-wrong = كلمة المرور هذه غير صحيحة.
page-requested = أُرسل الطلب. سيرى المالك طلبك. تفتح هذه الصفحة المحادثة فور موافقته، وستظهر في «مُشارَكة معي» في شريطك الجانبي.
page-request-access = طلب الوصول
page-clone-chat = استنساخ المحادثة
page-sign-in-to-clone = سجّل الدخول للاستنساخ
page-open-current-version = فتح النسخة الحالية
page-continue-chat = متابعة هذه المحادثة
page-copy-link = نسخ الرابط
page-print-save-as-pdf = طباعة / حفظ بصيغة PDF
page-read-aloud = القراءة بصوت عالٍ
page-cannot-read-aloud = لا يستطيع هذا المتصفح القراءة بصوت عالٍ.
page-link-copied = نُسخ الرابط.
page-link-copy-blocked = منع متصفحك النسخ: شريط العنوان يحتوي على الرابط.
page-live-updated = حُدّثت للتو.
page-live-gone = لم يعد هذا الرابط متاحًا: أعد تحميل الصفحة لمعرفة السبب.
page-open-in = فتح في { $name }
page-shared-by-name = شاركها { $name }
notice-pending = حسابك بانتظار موافقة أحد المسؤولين.
notice-community-gone = محادثة المجتمع هذه غير موجودة، أو غير مشتركة معك.
notice-e503 = الخدمة غير متاحة الآن. يُرجى المحاولة مجددًا.
notice-no-share-permission = ليس لديك إذن بمشاركة المحادثات.
notice-e400 = ذلك الطلب غير صالح. يُرجى المحاولة مجددًا.
notice-e401 = يُرجى تسجيل الدخول للمتابعة.
notice-e409 = هذا يتعارض مع شيء موجود بالفعل.
notice-e410 = انتهى هذا ولم يعد متاحًا.
notice-e413 = هذا كبير جدًا.
notice-signin-wrong = البريد الإلكتروني أو كلمة المرور غير صحيحة.
notice-signup-off = التسجيل معطّل. اطلب حسابًا من أحد المسؤولين.
notice-email-invalid = يُرجى إدخال عنوان بريد إلكتروني صالح.
notice-name-invalid = يُرجى إدخال اسم من 1 إلى 100 حرف.
notice-password-short = يجب ألا تقل كلمة المرور عن 8 أحرف.
notice-password-long = يجب ألا تزيد كلمة المرور على 256 بايت.
notice-email-taken = يوجد حساب بهذا البريد الإلكتروني بالفعل.
notice-password-login-off = تسجيل الدخول بكلمة المرور معطّل في هذه النسخة. استخدم تسجيل الدخول الخاص بشركتك.
notice-signin-busy = يجري التحقق من عدد كبير جدًا من عمليات تسجيل الدخول الآن. حاول مجددًا بعد لحظة.
notice-sso-again = لم يكتمل تسجيل الدخول. يُرجى تسجيل الدخول مجددًا.
notice-sso-state = لم يبدأ تسجيل الدخول هذا في هذا المتصفح، أو استغرق وقتًا طويلًا جدًا (فحص الأمان الخاص به، state، غير مطابق). يُرجى تسجيل الدخول مجددًا.
notice-sso-slow = استغرق تسجيل الدخول هذا وقتًا طويلًا جدًا. يُرجى تسجيل الدخول مجددًا.
notice-sso-used = استُخدم تسجيل الدخول هذا من قبل أو انتهت صلاحيته. يُرجى تسجيل الدخول مجددًا.
notice-sso-code = لم يقبل مزوّد الهوية تسجيل الدخول هذا (رُفض الرمز أو انتهت صلاحيته). حاول مجددًا أو اسأل المسؤول.
notice-sso-checks = أرسل مزوّد الهوية ردًا لم يجتز فحوص الأمان (التوقيع أو الجمهور أو الصلاحية أو nonce). حاول مجددًا أو اسأل المسؤول.
notice-sso-exists = يوجد هنا حساب ببريدك الإلكتروني وهو غير مرتبط بتسجيل الدخول هذا. سجّل الدخول بكلمة مروره، أو اطلب من أحد المسؤولين السماح بربط الحسابات عبر البريد الموثّق.
notice-sso-unverified = يوجد هنا حساب ببريدك الإلكتروني، ولم يتحقق مزوّد الهوية من أن هذا البريد لك، لذلك لن يُربط الحسابان.
notice-sso-cancelled = أُلغي تسجيل الدخول لدى مزوّد الهوية أو رُفض.
notice-sso-failed = تعذّر على مزوّد الهوية تسجيل دخولك.
notice-sso-no-email = لم يرسل مزوّد الهوية عنوان بريدك الإلكتروني الذي يحتاجه هذا التطبيق. اطلب من المسؤول إتاحة مطالبة البريد الإلكتروني.
notice-sso-domain = لا يمكن لحسابات نطاق بريدك الإلكتروني تسجيل الدخول إلى هذه النسخة.
notice-sso-linked = تسجيل الدخول هذا مرتبط بحساب بالفعل.
notice-sso-off = تسجيل الدخول عبر مزوّد هوية غير مُعدّ في هذه النسخة.
inbox-via-group = مجموعتك { $name }
inbox-via-you = أنت
inbox-via-everyone = الجميع في هذه النسخة
folders-new = مجلد جديد
folders-name = اسم المجلد
folders-create = إنشاء
folders-drag-hint = اسحب المحادثات إلى مجلد لحفظها فيه.
folders-shared = المجلدات المشتركة
folders-unread = غير مقروءة
folders-shared-by = شاركه { $name }
folders-shared-badge = مشترك
folders-show = عرض محتوى { $name }
community-not-available = غير متاح
community-back = العودة إلى المجتمع
community-byline = شاركها { $name } ·
community-views = { $count ->
    [zero] لا مشاهدات
    [one] مشاهدة واحدة
    [two] مشاهدتان
    [few] { $count } مشاهدات
    [many] { $count } مشاهدة
   *[other] { $count } مشاهدة
}
community-title = المجتمع
community-found = { $count ->
    [zero] لا محادثات لـ «{ $query }»
    [one] محادثة واحدة لـ «{ $query }»
    [two] محادثتان لـ «{ $query }»
    [few] { $count } محادثات لـ «{ $query }»
   *[other] { $count } محادثة لـ «{ $query }»
}
community-public-chats = { $count ->
    [zero] لا محادثات عامة
    [one] محادثة عامة واحدة
    [two] محادثتان عامتان
    [few] { $count } محادثات عامة
   *[other] { $count } محادثة عامة
}
community-intro = محادثات شاركها أعضاء هذه النسخة مع الجميع.
community-mine = محادثاتي في المجتمع
community-search-label = البحث في محادثات المجتمع
community-search-placeholder = البحث في العناوين والوسوم والرسائل
community-sort-tags = الترتيب والوسوم
community-newest = الأحدث
community-most-viewed = الأكثر مشاهدة
community-all-tags = كل الوسوم
community-pages = الصفحات
community-previous = السابق
community-next = التالي
community-level-private = خاصة: أنت فقط يمكنك فتحها
community-level-public = عامة
community-level-full = عامة، مع كل الفروع
community-hidden-note = أخفاها أحد المسؤولين: لا يمكن فتحها إلا لمن رفعها وللمسؤولين.
community-back-arrow = → المجتمع
community-models = النماذج: { $models }
community-updated = حُدّثت.
community-permission = الظهور
community-tags = الوسوم
community-tags-example = خبز، مخبوزات
community-update = تحديث المحادثة
community-delete = الحذف من المجتمع
community-show-again = الإظهار مجددًا
community-hide = إخفاء
community-deleted = حُذفت من المجتمع.
community-none-mine = لم تشارك أي محادثة مع المجتمع بعد. افتح نافذة المشاركة لمحادثة واختر «المشاركة في مجتمع Open WebUI».
access-private-explain = أنت فقط يمكنك فتحها. لا تُدرج ولا يُعثر عليها أبدًا.
access-public-explain = يمكن لأي شخص فتحها والعثور عليها: المحادثة كما كنت تقرؤها، فرع واحد.
access-full-explain = يمكن لأي شخص فتحها والعثور عليها، مع كل الفروع: والتعديلات والإجابات المعاد توليدها أيضًا.
