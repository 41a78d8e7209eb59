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
