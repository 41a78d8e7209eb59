chat-messages = { $count ->
    [zero] لا رسائل
    [one] رسالة واحدة
    [two] رسالتان
    [few] { $count } رسائل
    [many] { $count } رسالة
   *[other] { $count } رسالة
}
auth-create-admin-account = إنشاء حساب المسؤول
auth-create-account = إنشاء حساب
common-sign-in = تسجيل الدخول
common-loading = جارٍ التحميل…
auth-create-your-account = أنشئ حسابك
auth-sign-in-title = سجّل الدخول إلى chatshare
auth-new-instance = نسخة chatshare هذه جديدة. أول حساب فيها يديرها: يوافق على الأعضاء الجدد ويقرر من يمكنه مشاركة المحادثات.
auth-new-instance-sso = نسخة chatshare هذه جديدة: أول من يسجّل الدخول يديرها.
common-name = الاسم
common-email = البريد الإلكتروني
common-password = كلمة المرور
common-please-wait = يُرجى الانتظار…
auth-redirecting = جارٍ الانتقال إلى تسجيل الدخول…
auth-pending-title = حسابك بانتظار موافقة أحد المسؤولين
auth-pending-text = يجب أن يوافق أحد مسؤولي نسخة chatshare هذه على حسابك قبل أن تتمكن من استخدامه. يُرجى العودة لاحقًا.
common-sign-out = تسجيل الخروج
common-settings = الإعدادات
common-admin-panel = لوحة الإدارة
auth-chats = محادثاتك
auth-account = الحساب
auth-api-keys = مفاتيح واجهة البرمجة
auth-create-api-key = إنشاء مفتاح لواجهة البرمجة
auth-copy-new-key-now = انسخ مفتاحك الجديد الآن: لن يُعرض مرة أخرى.
auth-new-api-key = مفتاح جديد لواجهة البرمجة
auth-no-api-keys = لا توجد مفاتيح لواجهة البرمجة.
common-revoke = إبطال
auth-signed-in-as = مسجّل الدخول باسم { $email } · { $role ->
    [admin] مسؤول
    [pending] بانتظار الموافقة
   *[user] عضو
}
auth-api-key-use-before = استخدم مفتاح واجهة البرمجة بالشكل
auth-api-key-use-after = مع واجهة JSON البرمجية.
auth-key-created = أُنشئ في
sso-continue-with = المتابعة باستخدام { $provider }
shell-toggle-sidebar = إظهار الشريط الجانبي أو إخفاؤه
shell-sidebar = الشريط الجانبي

## Notices
notice-link-password = يحتاج هذا الرابط إلى كلمة مرور.
notice-link-password-wrong = كلمة المرور هذه غير صحيحة.
notice-link-locked = أُدخلت كلمات مرور خاطئة كثيرة لهذا الرابط. حاول مجددًا بعد بضع دقائق.
notice-link-gone = لم تعد هذه المحادثة المشتركة متاحة.
notice-link-expired = انتهت صلاحية هذا الرابط.
notice-already-open = يمكنك فتح هذه المحادثة بالفعل.
notice-e403 = ليس لديك إذن للقيام بذلك.
notice-e404 = لم نعثر على ما تبحث عنه.
notice-e422 = بعض ما أدخلته غير صالح. يُرجى التحقق منه والمحاولة مجددًا.
notice-e429 = محاولات كثيرة جدًا. انتظر لحظة ثم حاول مجددًا.
notice-e500 = حدث خطأ من جهتنا. يُرجى المحاولة مجددًا.
error-unreachable = تعذّر الوصول إلى الخادم. تحقق من اتصالك وحاول مجددًا.
error-unauthenticated = لم تسجّل الدخول، أو انتهت صلاحية جلستك. يُرجى تسجيل الدخول مجددًا.
error-too-large = محتوى الطلب كبير جدًا.
error-internal = حدث خطأ من جهتنا. يُرجى المحاولة مجددًا.
chat-new-chat-button = + محادثة جديدة
chat-community = المجتمع
chat-search-chats = البحث في المحادثات
chat-chats = المحادثات
chat-sign-in-to-see = سجّل الدخول لرؤية محادثاتك.
chat-no-chats-yet = لا توجد محادثات بعد.
chat-show-more-chats = عرض مزيد من المحادثات
chat-pinned = المثبّتة
chat-new-title = عنوان جديد
common-share = مشاركة
common-rename = إعادة التسمية
chat-pin = تثبيت
chat-unpin = إلغاء التثبيت
chat-archive = أرشفة
chat-export = تصدير
common-delete = حذف
chat-delete-chat = حذف المحادثة؟
common-cancel = إلغاء
chat-message = رسالة
chat-send-message = أرسل رسالة
chat-scroll-latest-message = الانتقال إلى أحدث رسالة
chat-stop = إيقاف
chat-deleted-or-signed-out = حُذفت هذه المحادثة، أو انتهت جلستك.
chat-no-longer-shared = لم تعد هذه المحادثة مشتركة معك.
chat-writing = يكتب…
chat-chat-not-available = المحادثة غير متاحة
chat-no-messages-yet = لا توجد رسائل بعد.
chat-assistant = المساعد
chat-system = النظام
chat-you = أنت
chat-next-version = النسخة التالية
chat-previous-version = النسخة السابقة
chat-next-answer = الإجابة التالية
chat-previous-answer = الإجابة السابقة
chat-copy-link-message = نسخ رابط هذه الرسالة
chat-new-since-last-looked = جديد منذ آخر زيارة لك
chat-copied-clipboard = نُسخ إلى الحافظة!
chat-browser-blocked-copying = منع متصفحك النسخ.
chat-message-tools = أدوات الرسالة
common-copy = نسخ
common-edit = تعديل
chat-regenerate = إعادة التوليد
chat-read-aloud = القراءة بصوت عالٍ
chat-info = معلومات
chat-no-time-recorded = لم يُسجّل وقت
chat-edit-message = عدّل رسالتك
chat-save-submit = حفظ وإرسال
chat-link-message-copied = نُسخ رابط هذه الرسالة.
chat-browser-blocked-copying-address = منع متصفحك النسخ: شريط العنوان يحتوي على رابط هذه الرسالة.
common-copied = نُسخ!
chat-code-copied = نُسخت الشيفرة.
chat-browser-blocked-copying-code = منع متصفحك النسخ. الشيفرة محددة: اضغط Ctrl+C.
chat-options-for = خيارات المحادثة { $title }
chat-delete-confirm = سيؤدي هذا إلى حذف «{ $title }» ورابط مشاركتها. لا يمكن التراجع عن ذلك.
share-copied-shared-chat-url = نُسخ عنوان المحادثة المشتركة إلى الحافظة!
share-dialog-title = مشاركة المحادثة
share-link-deleted = حُذف الرابط. لم يعد بإمكان أحد فتحه.
share-new-link-note = لن تُشارك الرسائل التي ترسلها بعد إنشاء الرابط. سيتمكن من لديه العنوان من عرض المحادثة المشتركة.
share-link = الرابط
share-delete-title = حذف هذا الرابط؟
share-delete-warning = حذف هذا الرابط؟ سيُبلَّغ كل من يفتحه بأنه لم يعد موجودًا؛ والرابط الجديد يحصل على عنوان جديد.
share-keep = الإبقاء عليه
share-qr-code = رمز QR
share-qr-code-link = رمز QR للرابط
share-download-qr-code = تنزيل رمز QR
share-no-permission = ليس لديك إذن بمشاركة المحادثات.
share-copy-blocked = لم يسمح متصفحك بالنسخ. اضغط Ctrl+C للنسخ:
share-changes-pending = تُطبَّق تغييراتك عند الضغط على «تحديث الرابط ونسخه».
share-copy-link = نسخ الرابط
share-to-community = المشاركة في مجتمع Open WebUI
share-audience-only-me = { $what ->
    [folder] أنت فقط (والمسؤولون) يمكنكم فتح المجلد ومحادثاته.
   *[link] أنت فقط (والمسؤولون) يمكنكم فتح الرابط.
}
share-audience-people = { $what ->
    [folder] يمكن للأشخاص الذين تختارهم فقط فتح المجلد ومحادثاته بعد تسجيل الدخول.
   *[link] يمكن للأشخاص الذين تختارهم فقط فتح الرابط بعد تسجيل الدخول.
}
share-audience-members = { $what ->
    [folder] يمكن لكل عضو في هذه النسخة فتح المجلد ومحادثاته بعد تسجيل الدخول.
   *[link] يمكن لكل عضو في هذه النسخة فتح الرابط بعد تسجيل الدخول.
}
share-audience-anyone = { $what ->
    [folder] يمكن لكل من لديه الرابط فتح المجلد ومحادثاته دون حساب. ويبقى بعيدًا عن محركات البحث.
   *[link] يمكن لكل من لديه الرابط فتحه دون حساب. ويبقى بعيدًا عن محركات البحث.
}
share-pick-someone = اختر شخصًا أو مجموعة على الأقل، أو حدد من يمكنه فتح الرابط أيضًا.
share-pick-someone-folder = اختر شخصًا أو مجموعة على الأقل، أو حدد من يمكنه فتحه أيضًا.
share-loading-who-open = جارٍ تحميل من يمكنه فتحه…
share-asking-access = طلبات الوصول
share-approve = موافقة
share-decline = رفض
share-only-me = أنا فقط
share-specific-people = أشخاص محددون
share-everyone-instance = الجميع في هذه النسخة
share-anyone-link = أي شخص لديه الرابط
share-who-open-link = من يمكنه فتح الرابط
share-who-open-folder = من يمكنه فتح المجلد
share-find-people-groups = البحث عن أشخاص ومجموعات
share-type-name = اكتب اسمًا
share-nobody-else-has-account = لا أحد غيرك لديه حساب بعد.
share-let-them-continue-chat = السماح لهم بمتابعة المحادثة
share-let-them-continue-chats = السماح لهم بمتابعة المحادثات وإضافة محادثاتهم
share-they-see-chat-as = يرون المحادثة كما هي الآن ويمكنهم إضافة رسائل إليها تحمل أسماءهم.
common-save = حفظ
share-pick-date-link-expires = اختر تاريخ انتهاء صلاحية الرابط، أو خيارًا آخر.
common-never = أبدًا
share-unchanged = دون تغيير
share-expiry-password = الصلاحية وكلمة المرور
share-expires-label = تنتهي الصلاحية
share-1-day = بعد يوم واحد
share-7-days = بعد 7 أيام
share-30-days = بعد 30 يومًا
share-date = في تاريخ…
share-expiry-date = تاريخ انتهاء الصلاحية
share-password-optional = كلمة المرور (اختيارية)
share-password-set-type-new = كلمة المرور (معيّنة؛ اكتب كلمة جديدة لتغييرها)
share-remove-password = إزالة كلمة المرور
share-shared-before-start = لقد شاركت هذه المحادثة
share-shared-before-link = من قبل
share-shared-before-end = .
share-delete-start = انقر هنا
share-delete-link = لحذف هذا الرابط
share-delete-end = وإنشاء رابط مشاركة جديد.
share-opens-in-new-tab = يفتح { $place } في علامة تبويب جديدة
share-this-community = مجتمع هذه النسخة
share-expiry-longest = بعد { $days } يوم (أطول مدة مسموح بها)
share-expiry-default = بعد { $days } يوم (الافتراضي في هذه النسخة)
share-summary-expires = تنتهي الصلاحية
share-summary-never-expires = لا تنتهي صلاحيته أبدًا
share-summary-password-set = كلمة المرور معيّنة
share-summary-password-typed = كُتبت كلمة مرور جديدة
common-working = جارٍ التنفيذ…
share-update-and-copy = تحديث الرابط ونسخه
ui-something-went-wrong = حدث خطأ ما
ui-back-start = العودة إلى البداية
ui-page-not-found = الصفحة غير موجودة
ui-nothing-here = لا يوجد شيء في هذا العنوان.
settings-data = البيانات
auth-have-account = لديك حساب بالفعل؟
auth-no-account = ليس لديك حساب بعد؟
auth-create-one = أنشئ حسابًا
chat-send = إرسال
share-delete-link-button = حذف الرابط
settings-profile-saved = حُفظ الملف الشخصي.
settings-profile = الملف الشخصي
settings-upload-picture = رفع صورة
settings-use-initials-instead = استخدام الأحرف الأولى بدلًا منها
settings-initials-colour = لون أحرفك الأولى
settings-save-profile = حفظ الملف الشخصي
settings-current-password = كلمة المرور الحالية
settings-new-password = كلمة المرور الجديدة
settings-new-password-again = تأكيد كلمة المرور الجديدة
settings-change-password = تغيير كلمة المرور
settings-new-passwords-differ = كلمتا المرور الجديدتان غير متطابقتين.
settings-password-changed = تغيّرت كلمة المرور. سُجّل خروج جلساتك الأخرى.
settings-system = النظام
settings-light = فاتح
settings-dark = داكن
settings-appearance-chats = المظهر والمحادثات
settings-theme = السمة
settings-default-model = النموذج الافتراضي
settings-first-model = أول نموذج متاح
settings-system-prompt = موجّه النظام للمحادثات الجديدة
settings-system-prompt-example = مثلًا: أجب بإيجاز وباللغة العربية.
settings-system-prompt-note = يُرسل إلى النموذج قبل كل دور في المحادثات التي تبدؤها من الآن. لا تعرضه الروابط المشتركة أبدًا.
common-saved = حُفظ.
settings-color-blue = أزرق
settings-color-violet = بنفسجي
settings-color-magenta = أرجواني
settings-color-orange = برتقالي
settings-color-green = أخضر
settings-color-teal = أزرق مخضر
settings-color-grey = رمادي
settings-email = البريد الإلكتروني: { $email }
settings-general = عام
settings-language = اللغة
settings-language-automatic = تلقائي (لغة متصفحك)
admin-settings-saved = حُفظت الإعدادات.
admin-authentication = المصادقة
admin-sign-up-hint = يمكن للأشخاص الجدد إنشاء حساب.
admin-enable-sign-up = السماح بالتسجيل
admin-default-user-role = الدور الافتراضي للمستخدم
admin-default-role-hint = تنتظر الحسابات المعلّقة موافقة أحد المسؤولين.
admin-api-keys-hint = يمكن للمستخدمين إنشاء مفاتيح لواجهة البرمجة لاستخدامها في البرامج النصية.
admin-enable-api-keys = السماح بمفاتيح واجهة البرمجة
admin-sharing = المشاركة
admin-member-links-hint = يمكن أن يكون الرابط مفتوحًا لكل عضو موافَق عليه في هذه النسخة (وهكذا يبدأ كل رابط جديد).
admin-links-every-member = روابط لكل الأعضاء
admin-anyone-links-hint = يمكن أن يكون الرابط مفتوحًا لأي شخص لديه، دون حساب. وتبقى صفحته بعيدة عن محركات البحث.
admin-links-anyone = روابط لأي شخص
admin-folders-hint = يمكن للأعضاء حفظ محادثاتهم في مجلدات (features.folders في Open WebUI).
admin-folders = المجلدات
admin-folder-sharing-hint = يمكن للأعضاء مشاركة مجلد كامل مع أشخاص أو مجموعات أو كل الأعضاء، للقراءة أو الكتابة (sharing.folders؛ ويمكن ذلك للمسؤولين دائمًا).
admin-folder-sharing = مشاركة المجلدات
admin-community-sharing-hint = عرض «المشاركة في مجتمع Open WebUI» في نافذة المشاركة.
admin-enable-community-sharing = السماح بالمشاركة في المجتمع
admin-community-sharing-url = عنوان المشاركة في المجتمع
admin-use-instance-s-community = استخدام مجتمع هذه النسخة
admin-link-previews-embeds = معاينات الروابط والتضمين
admin-instance-name = اسم النسخة
admin-instance-name-hint = يظهر على بطاقات معاينة الروابط وفي المحادثات المضمّنة («فتح في …») ولعملاء oEmbed.
admin-sites-may-embed-shared = المواقع التي يمكنها تضمين المحادثات المشتركة
admin-embed-hint = للروابط المفتوحة لأي شخص. ‎* لأي موقع، أو عنوان واحد في كل سطر (https://blog.example.com)؛ فارغ: بلا تضمين. لا يمكن عرض أي صفحة أخرى داخل إطار.
admin-community = المجتمع
admin-community-hub-hint = تستضيف هذه النسخة مجتمعًا: ‎/community وصفحة الرفع الخاصة به (‎/chats/upload) وواجهته البرمجية.
admin-community-hub = مركز المجتمع
admin-index-hint = قد تظهر محادثات المجتمع العامة والمعرض في محركات البحث (وإلا فإنها تطلب عدم فهرستها).
admin-let-search-engines-index = السماح لمحركات البحث بفهرسته
admin-instances-allowed-upload = النسخ المسموح لها بالرفع
admin-allowed-origins-hint = عنوان واحد في كل سطر (https://chat.example.com). يمكن لهذه النسخة الرفع دائمًا؛ وتشارك نسخة أخرى هنا عندما يكون عنوان مجتمعها هو ‎/chats/upload في هذه النسخة.
admin-moderate-community-chats = الإشراف على محادثات المجتمع
admin-quota-whole-number-megabytes = الحصة عدد صحيح من الميغابايت (0 لعدم وجود حصة).
admin-storage-per-member-mb = التخزين لكل عضو (ميغابايت)
admin-quota-hint = مقدار ما يمكن لكل عضو نشره في المجتمع إجمالًا؛ 0: بلا حد.
admin-link-lifetime = مدة صلاحية الروابط
admin-each-lifetime-whole-number = كل مدة عدد صحيح من الأيام (0 لعدم وجود مدة).
admin-default-lifetime-hint = للروابط التي لا تاريخ انتهاء لها؛ 0: لا تنتهي صلاحيتها أبدًا.
admin-default-lifetime-days = المدة الافتراضية (بالأيام)
admin-longest-lifetime-hint = لا يبقى أي رابط أطول من ذلك؛ 0: بلا حد.
admin-longest-lifetime-days = أطول مدة (بالأيام)
admin-0-keep-forever = 0: الاحتفاظ به إلى الأبد.
admin-keep-audit-log-days = الاحتفاظ بسجل التدقيق (بالأيام)
admin-default-permissions = الأذونات الافتراضية
admin-chat-sharing-hint = يمكن للمستخدمين إنشاء روابط المشاركة وتحديثها (chat.share). الاستثناءات لكل مستخدم في تبويب المستخدمين.
admin-allow-chat-sharing = السماح بمشاركة المحادثات
admin-text-speech = تحويل النص إلى كلام
admin-read-aloud-hint = تعرض الصفحات المشتركة «القراءة بصوت عالٍ» بصوت متصفح القارئ.
admin-read-aloud = القراءة بصوت عالٍ
admin-speech-rate-must-number = يجب أن تكون سرعة الكلام رقمًا بين 0.5 و2.
admin-voice-hint = اسم صوت من أصوات متصفح القارئ؛ فارغ للصوت الافتراضي.
admin-voice = الصوت
admin-rate-hint = من 0.5 (بطيء) إلى 2 (سريع).
admin-rate = السرعة
admin-administrators-only = للمسؤولين فقط
admin-only-text = لوحة الإدارة مخصصة لمسؤولي نسخة chatshare هذه. اطلب من أحدهم تغيير أي إعداد تحتاجه.
admin-back-chats = العودة إلى محادثاتك
admin-users = المستخدمون
admin-groups = المجموعات
admin-shared-links = الروابط المشتركة
admin-audit = التدقيق
admin-search-users = البحث عن مستخدمين
admin-general = عام
admin-connections = الاتصالات
admin-user-deleted = حُذف المستخدم.
admin-no-users-match = لا يوجد مستخدمون مطابقون.
admin-role = الدور
admin-chat-sharing = مشاركة المحادثات
admin-created = تاريخ الإنشاء
admin-last-active = آخر نشاط
admin-actions = الإجراءات
admin-delete-user = حذف المستخدم
admin-role-changed = تغيّر الدور.
admin-permission-changed = تغيّر الإذن.
admin-default-plain = افتراضي
admin-always-admin = دائمًا (مسؤول)
admin-never-pending = أبدًا (معلّق)
admin-waiting-approval = بانتظار الموافقة
admin-allowed = مسموح
admin-not-allowed-plain = غير مسموح
admin-waiting-approval-badge = بانتظار الموافقة
admin-delete-user-title = حذف { $name }؟
admin-delete-user-text = سيؤدي هذا إلى حذف حساب { $name } ({ $email }) وكل محادثاته وكل رابط شاركه. لن يجد من يفتح تلك الروابط شيئًا. لا يمكن التراجع عن ذلك.
admin-default-permission = { $allowed ->
    [yes] افتراضي (مسموح)
   *[no] افتراضي (غير مسموح)
}
admin-role-of = دور { $name }
admin-chat-sharing-for = مشاركة المحادثات لـ { $name }
admin-delete-named = حذف { $name }
admin-role-pending = معلّق
admin-role-user = عضو
admin-default-language = اللغة الافتراضية
admin-default-language-hint = للأشخاص الذين لا يحدد حسابهم ولا متصفحهم لغة تتحدثها هذه النسخة.
date-today = اليوم
date-yesterday = أمس
date-previous-7-days = آخر 7 أيام
date-previous-30-days = آخر 30 يومًا
date-month-year = { $month ->
    [1] يناير
    [2] فبراير
    [3] مارس
    [4] أبريل
    [5] مايو
    [6] يونيو
    [7] يوليو
    [8] أغسطس
    [9] سبتمبر
    [10] أكتوبر
    [11] نوفمبر
   *[12] ديسمبر
} { $year }
conn-none-yet = لا توجد اتصالات بعد. أضف اتصالًا أدناه.
conn-title = اتصالات متوافقة مع OpenAI
conn-add-connection = إضافة اتصال
conn-no-key = بلا مفتاح (اتركه فارغًا للإبقاء عليه)
conn-optional = اختياري
conn-connection-saved = حُفظ الاتصال.
conn-connection-added = أُضيف الاتصال.
conn-connection-deleted = حُذف الاتصال.
conn-base-url = العنوان الأساسي
conn-api-key = مفتاح واجهة البرمجة
conn-enabled = مفعّل
conn-verify = تحقّق
conn-verifying = جارٍ التحقق…
conn-add-connection-2 = إضافة الاتصال
conn-delete-connection = حذف الاتصال؟
conn-model = النموذج
conn-refresh-models = تحديث النماذج
conn-no-model-available = لا يوجد نموذج متاح: الخوادم المتصلة لا تعرض أي نموذج أو يتعذّر الوصول إليها.
conn-no-model-connected = لا يوجد نموذج متصل بعد، لذلك تُحفظ الرسائل دون إجابة.
conn-set-up-connection = إعداد اتصال
conn-ask-admin = اطلب من أحد المسؤولين إضافة اتصال.
home-welcome-chatshare = مرحبًا بك في chatshare
home-intro = مساحة محادثة مستضافة ذاتيًا. شارك أي محادثة كرابط، وحدّثه أو أبطله لاحقًا، ودع زملاءك يفتحونها للقراءة فقط.
home-create-admin-account = إنشاء حساب المسؤول
home-sign-in-or-up = سجّل الدخول أو أنشئ حسابًا
home-start = ابدأ محادثة: اسأل عن أي شيء، ثم شارك المحادثة كرابط.
home-recent-chats = المحادثات الأخيرة
chat-folders = المجلدات
conn-intro = أي خادم يتحدث واجهة OpenAI البرمجية: Ollama (http://localhost:11434/v1)، وvLLM، وخادم llama.cpp، وOpenAI. تبقى المفاتيح على هذا الخادم ولا تُعرض مرة أخرى.
conn-delete-text = لن تُعرض النماذج من { $url } بعد الآن. تبقى الإجابات المكتوبة في محادثاتها.
conn-models-available = { $count ->
    [zero] لا توجد نماذج متاحة.
    [one] نموذج واحد متاح.
    [two] نموذجان متاحان.
    [few] { $count } نماذج متاحة.
    [many] { $count } نموذجًا متاحًا.
   *[other] { $count } نموذج متاح.
}
home-hello = مرحبًا، { $name }
admin-you = أنت
chat-stopped = أُوقف
auth-or = أو
common-close = إغلاق
chat-pinned-prefix = { "مثبّتة: " }
versions-restored = يرى القراء النسخة { $n } مجددًا (وهي الآن النسخة { $m }).
versions-version = النسخة { $n }
versions-current = الحالية
versions-open = فتح النسخة { $n }
versions-restore = استعادة النسخة { $n }
versions-restore-button = استعادة
versions-delete = حذف النسخة { $n }
versions-loading = جارٍ تحميل النسخ…
versions-title = النسخ ({ $count })
review-in-title = في العنوان
review-in-message = في الرسالة { $n }
review-clear = ✓ فحص الخصوصية: لا شيء يبدو خاصًا.
review-found = { $count ->
    [one] يبدو أن عنصرًا واحدًا خاص. أخفه قبل المشاركة.
    [two] يبدو أن عنصرين خاصان. أخفهما قبل المشاركة.
    [few] يبدو أن { $count } عناصر خاصة. أخفها قبل المشاركة.
   *[other] يبدو أن { $count } عنصرًا خاص. أخفها قبل المشاركة.
}
review-all-masked = ✓ أُخفي كل ما وجده فحص الخصوصية.
review-mask-all = إخفاء الكل
review-more = …و{ $count } أخرى غير مدرجة هنا. راجع المحادثة قبل مشاركتها.
review-too-long = المحادثة أطول من أن تُفحص كاملة: لم تُفحص آخر { $kb } كيلوبايت منها.
review-answer = الإجابة
review-other-branch = فرع آخر
review-counts = الرسائل: { $ticked } من { $shown } مشتركة
review-label = راجع ما تشاركه
review-title = المراجعة
review-checking = جارٍ البحث عن بيانات خاصة…
review-every-branch = مشاركة كل الفروع (الإجابات التي أعدت توليدها والتعديلات التي استبدلتها)
review-ticks-note = عند تحديث الرابط، تبقى الرسائل التي حددتها وتُستبعد التي ألغيت تحديدها. تُضاف الرسائل المكتوبة لاحقًا إن كانت على الفرع الذي تراه (أو على أي فرع عند مشاركة كل الفروع).
review-preview = معاينة ما يراه القراء
review-preview-by = شاركها { $name } · { $count } رسالة إجمالًا
review-masked = مُخفى ✓
review-mask = إخفاء
finding-api-key = مفتاح واجهة برمجة أو رمز وصول
finding-aws-key = مفتاح وصول AWS
finding-jwt = رمز تسجيل الدخول (JWT)
finding-private-key = مفتاح خاص
finding-url-password = كلمة مرور في عنوان URL
finding-password = كلمة مرور
finding-email = عنوان بريد إلكتروني
finding-phone = رقم هاتف
finding-iban = حساب مصرفي (IBAN)
finding-card = رقم بطاقة
finding-ip = عنوان IP
finding-near-mask = قريب من قناع
finding-other = بيانات خاصة
inbox-shared-with-me = مُشارَكة معي
inbox-empty = لم تُشارك معك أي محادثة عبر رابط بعد. تظهر في هذه الصفحة المحادثات التي يشاركها الآخرون معك بالاسم أو مع إحدى مجموعاتك أو مع الجميع هنا.
inbox-new = جديد
inbox-approved = قُبل الطلب
inbox-live = مباشر
inbox-shared-it = شاركها { $name } مع { $via }
inbox-changed = تغيّرت
inbox-updated = حُدّثت
inbox-continue = متابعة هذه المحادثة
inbox-my-links = روابطي المشتركة
inbox-new-lower = جديدة
inbox-waiting-answer = بانتظار ردك
common-search = بحث
access-private = خاصة
access-public = عامة
access-full = عامة، السجل الكامل
