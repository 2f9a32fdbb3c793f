// The connection dialog's messages (test result, keychain note, URL error) in their tones'
// colours and icons, following the palette; and the example filled in for the screenshots.
#include "ConnectionDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QPainter>
#include <QPainterPath>
#include <QPushButton>
#include <QRadioButton>

namespace strata {

namespace {

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

} // namespace

// ---- Presentation ---------------------------------------------------------------------------

QColor ConnectionDialog::toneColor(Tone tone, const QPalette &palette)
{
    const bool dark = isDark(palette);
    switch (tone) {
    case Tone::Success:
        return dark ? QColor(0x5b, 0xd2, 0x7a) : QColor(0x1a, 0x7f, 0x37);
    case Tone::Warning:
        return dark ? QColor(0xe3, 0xb3, 0x41) : QColor(0x9a, 0x67, 0x00);
    case Tone::Error:
        return dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xc6, 0x28, 0x28);
    case Tone::Neutral:
    case Tone::Busy:
        break;
    }
    return palette.color(QPalette::PlaceholderText);
}

// A small round status icon drawn in the tone's colour, so it follows the palette.
QPixmap ConnectionDialog::toneIcon(Tone tone, const QColor &fill, const QColor &glyph, qreal dpr)
{
    const int size = 16;
    QPixmap pixmap(QSize(size, size) * dpr);
    pixmap.setDevicePixelRatio(dpr);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(fill);
    painter.drawEllipse(QRectF(0.5, 0.5, size - 1, size - 1));
    painter.setPen(QPen(glyph, 1.8, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter.setBrush(Qt::NoBrush);
    if (tone == Tone::Success) {
        QPainterPath check;
        check.moveTo(4.6, 8.4);
        check.lineTo(7.0, 10.8);
        check.lineTo(11.4, 5.6);
        painter.drawPath(check);
    } else if (tone == Tone::Error) {
        painter.drawLine(QPointF(5.4, 5.4), QPointF(10.6, 10.6));
        painter.drawLine(QPointF(10.6, 5.4), QPointF(5.4, 10.6));
    } else if (tone == Tone::Warning) {
        painter.drawLine(QPointF(8, 4.2), QPointF(8, 8.8));
        painter.drawPoint(QPointF(8, 11.6));
    } else {
        painter.drawPoint(QPointF(8, 4.6));
        painter.drawLine(QPointF(8, 7.4), QPointF(8, 11.6));
    }
    return pixmap;
}

void ConnectionDialog::showResult(Tone tone, const QString &headline, const QString &detail)
{
    m_resultTone = tone;
    m_resultHeadline = headline;
    m_resultDetail = detail;
    refreshTones();
}

void ConnectionDialog::showKeychainNote(Tone tone, const QString &text, const QString &detail)
{
    m_keychainTone = tone;
    m_keychainText = text;
    m_keychainDetail = detail;
    refreshTones();
}

void ConnectionDialog::showUrlError(const QString &text)
{
    m_urlErrorText = text;
    refreshTones();
}

void ConnectionDialog::refreshTones()
{
    const QPalette pal = palette();
    const qreal dpr = devicePixelRatioF();
    const QColor glyph = pal.color(QPalette::Base);
    auto paint = [&](QLabel *icon, Tone tone) {
        if (tone == Tone::Busy) {
            icon->setPixmap({});
            return;
        }
        icon->setPixmap(toneIcon(tone, toneColor(tone, pal), glyph, dpr));
    };
    // Headlines in the tone's colour, the driver's or keychain's own words below in the text
    // colour.
    auto compose = [&](Tone tone, const QString &headline, const QString &detail) {
        QString html;
        const QColor color = tone == Tone::Neutral || tone == Tone::Busy
                                 ? pal.color(QPalette::WindowText)
                                 : toneColor(tone, pal);
        html += QStringLiteral("<span style=\"color:%1;%2\">%3</span>")
                    .arg(color.name(),
                         tone == Tone::Error || tone == Tone::Success
                             ? QStringLiteral("font-weight:600")
                             : QString(),
                         headline.toHtmlEscaped());
        if (!detail.isEmpty())
            html += QStringLiteral("<br>") +
                    detail.toHtmlEscaped().replace(u'\n', QStringLiteral("<br>"));
        return html;
    };

    const bool haveResult = !m_resultHeadline.isEmpty();
    m_resultRow->setVisible(haveResult);
    if (haveResult) {
        paint(m_resultIcon, m_resultTone);
        m_resultIcon->setVisible(m_resultTone != Tone::Busy);
        m_resultText->setText(compose(m_resultTone, m_resultHeadline, m_resultDetail));
    } else {
        m_resultText->clear();
    }

    const bool haveNote = !m_keychainText.isEmpty();
    if (haveNote) {
        paint(m_keychainIcon, m_keychainTone);
        m_keychainIcon->setVisible(m_keychainTone != Tone::Busy);
        m_keychainNote->setText(compose(m_keychainTone, m_keychainText, m_keychainDetail));
    } else {
        m_keychainNote->clear();
    }
    m_form->setRowVisible(m_keychainRow, haveNote && m_postgresRadio->isChecked());

    QPalette errorPalette = m_urlError->palette();
    errorPalette.setColor(QPalette::WindowText, toneColor(Tone::Error, pal));
    m_urlError->setPalette(errorPalette);
    m_urlError->setText(m_urlErrorText);
    m_form->setRowVisible(m_urlErrorRow, !m_urlErrorText.isEmpty());
    growToFit(); // now, so that a grab() right after a message shows all of it
}

void ConnectionDialog::growToFit()
{
    // Messages wrap to the width they get, so their height is known only once laid out: lay out,
    // let the labels re-hint at their new width, lay out again (twice is enough in practice).
    if (!isVisible())
        return;
    QLayout *top = layout();
    for (int pass = 0; pass < 3; ++pass) {
        top->activate(); // a no-op when nothing changed since the last pass
        const int needed = qMax(top->totalSizeHint().height(), top->totalMinimumSize().height());
        if (needed > height())
            resize(width(), needed);
    }
}

void ConnectionDialog::updateButtons()
{
    const bool busy = m_testing || m_savingPassword;
    m_testButton->setEnabled(!busy);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!m_savingPassword);
    m_deleteProfileButton->setEnabled(!m_profileCombo->currentData().toString().isEmpty());
}

bool ConnectionDialog::event(QEvent *event)
{
    const bool handled = QDialog::event(event);
    if (event->type() == QEvent::LayoutRequest)
        growToFit(); // the layout has just been recomputed, messages included
    return handled;
}

void ConnectionDialog::changeEvent(QEvent *event)
{
    QDialog::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        refreshTones();
}

// ---- Screenshots ----------------------------------------------------------------------------

void ConnectionDialog::setExampleForScreenshots(const QString &folder)
{
    if (!folder.isEmpty())
        showExampleWorkspace(folder);
    m_syncing = true;
    m_profileCombo->clear();
    m_profileCombo->addItem(tr("New connection"), QString());
    for (const char *name : {"Local demo (SQLite)", "Shop — production", "Shop — staging"})
        m_profileCombo->addItem(QString::fromUtf8(name), QString::fromUtf8(name));
    m_profileCombo->setCurrentIndex(2);
    m_syncing = false;
    auto example = ConnectionSpec::parse(
        QStringLiteral("postgresql://dba@db-prod.example.com:5432/shop?sslmode=verify-full"));
    applySpec(*example, false);
    m_syncing = true;
    m_passwordEdit->setText(QStringLiteral("example-password"));
    m_urlEdit->setText(example->displayUrl());
    m_urlEdit->setCursorPosition(0);
    m_rememberCheck->setChecked(true);
    m_syncing = false;
    m_keychain = Keychain::Available;
    showUrlError({});
    showKeychainNote(Tone::Neutral, tr("Password from the system keychain"));
    showResult(Tone::Success, tr("Connected: PostgreSQL 15.4 (Debian 15.4-1.pgdg120+1)"),
               tr("Answered in 38 ms."));
    m_deleteProfileButton->setEnabled(true);
    m_buttons->button(QDialogButtonBox::Ok)->setFocus();
}

} // namespace strata
