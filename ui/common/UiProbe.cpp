#include "UiProbe.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QApplication>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QSaveFile>
#include <QTabBar>
#include <QTextEdit>
#include <QTimer>

namespace strata::UiProbe {

namespace {

QJsonArray rectOf(const QRect &local, const QWidget *w)
{
    const QPoint topLeft = w->mapToGlobal(local.topLeft());
    return {topLeft.x(), topLeft.y(), local.width(), local.height()};
}

QString plain(QString text)
{
    return text.remove(u'&');
}

// Rows of a list, table or tree that are on screen, first column's text and extra columns.
QJsonArray visibleRows(const QAbstractItemView *view)
{
    QJsonArray rows;
    const QAbstractItemModel *model = view->model();
    if (!model)
        return rows;
    const QRect shown = view->viewport()->rect();
    QModelIndex index = view->indexAt(QPoint(2, 2));
    // Walk down by position: works for lists, tables and expanded trees alike.
    for (int y = shown.top() + 2; y < shown.bottom() && rows.size() < 200;) {
        index = view->indexAt(QPoint(4, y));
        if (!index.isValid())
            break;
        const QRect r = view->visualRect(index);
        QStringList columns;
        for (int c = 0; c < model->columnCount(index.parent()); ++c)
            columns << index.siblingAtColumn(c).data(Qt::DisplayRole).toString();
        QJsonObject row{{QStringLiteral("text"), columns.join(QStringLiteral(" | "))},
                        {QStringLiteral("rect"), rectOf(r.intersected(shown), view->viewport())}};
        if (view->selectionModel())
            row.insert(QStringLiteral("selected"), view->selectionModel()->isSelected(index));
        rows.append(row);
        y = r.bottom() + 2;
    }
    return rows;
}

QJsonArray actionsOf(const QWidget *w)
{
    QJsonArray actions;
    for (QAction *a : w->actions()) {
        if (a->isSeparator() || !a->isVisible())
            continue;
        QRect r;
        if (auto *bar = qobject_cast<const QMenuBar *>(w))
            r = bar->actionGeometry(a);
        else if (auto *menu = qobject_cast<const QMenu *>(w))
            r = menu->actionGeometry(a);
        if (r.isEmpty())
            continue;
        actions.append(QJsonObject{{QStringLiteral("text"), plain(a->text())},
                                   {QStringLiteral("enabled"), a->isEnabled()},
                                   {QStringLiteral("rect"), rectOf(r, w)}});
    }
    return actions;
}

QJsonObject describe(const QWidget *w)
{
    QJsonObject o{{QStringLiteral("class"), QString::fromLatin1(w->metaObject()->className())},
                  {QStringLiteral("name"), w->objectName()},
                  {QStringLiteral("enabled"), w->isEnabled()},
                  {QStringLiteral("focus"), w->hasFocus()},
                  {QStringLiteral("rect"), rectOf(w->rect(), w)}};
    if (auto *b = qobject_cast<const QAbstractButton *>(w)) {
        o.insert(QStringLiteral("kind"), QStringLiteral("button"));
        o.insert(QStringLiteral("text"), plain(b->text()));
        o.insert(QStringLiteral("checked"), b->isChecked());
    } else if (auto *e = qobject_cast<const QLineEdit *>(w)) {
        o.insert(QStringLiteral("kind"), QStringLiteral("field"));
        o.insert(QStringLiteral("text"),
                 e->echoMode() == QLineEdit::Normal ? e->text() : QString());
        o.insert(QStringLiteral("placeholder"), e->placeholderText());
    } else if (auto *l = qobject_cast<const QLabel *>(w)) {
        o.insert(QStringLiteral("kind"), QStringLiteral("label"));
        o.insert(QStringLiteral("text"), l->text());
    } else if (auto *c = qobject_cast<const QComboBox *>(w)) {
        o.insert(QStringLiteral("kind"), QStringLiteral("combo"));
        o.insert(QStringLiteral("text"), c->currentText());
    } else if (auto *t = qobject_cast<const QTabBar *>(w)) {
        o.insert(QStringLiteral("kind"), QStringLiteral("tabs"));
        QJsonArray tabs;
        for (int i = 0; i < t->count(); ++i)
            tabs.append(QJsonObject{{QStringLiteral("text"), plain(t->tabText(i))},
                                    {QStringLiteral("current"), i == t->currentIndex()},
                                    {QStringLiteral("rect"), rectOf(t->tabRect(i), t)}});
        o.insert(QStringLiteral("tabs"), tabs);
    } else if (auto *v = qobject_cast<const QAbstractItemView *>(w)) {
        o.insert(QStringLiteral("kind"), QStringLiteral("view"));
        o.insert(QStringLiteral("rows"), visibleRows(v));
    } else if (auto *p = qobject_cast<const QPlainTextEdit *>(w)) {
        o.insert(QStringLiteral("kind"), QStringLiteral("text"));
        o.insert(QStringLiteral("text"), p->toPlainText().left(4000));
    } else if (auto *te = qobject_cast<const QTextEdit *>(w)) {
        o.insert(QStringLiteral("kind"), QStringLiteral("text"));
        o.insert(QStringLiteral("text"), te->toPlainText().left(4000));
    } else if (qobject_cast<const QMenuBar *>(w) || qobject_cast<const QMenu *>(w)) {
        o.insert(QStringLiteral("kind"), QStringLiteral("menu"));
        o.insert(QStringLiteral("actions"), actionsOf(w));
    } else if (!w->objectName().isEmpty()) {
        o.insert(QStringLiteral("kind"), QStringLiteral("named"));
    } else {
        return {};
    }
    return o;
}

void write(const QString &path)
{
    QJsonArray windows;
    for (QWidget *top : QApplication::topLevelWidgets()) {
        if (!top->isVisible())
            continue;
        QJsonArray widgets;
        QList<QWidget *> all = top->findChildren<QWidget *>();
        all.prepend(top);
        for (const QWidget *w : std::as_const(all)) {
            if (!w->isVisible() || w->window() != top) // a dialog is its own window
                continue;
            if (const QJsonObject o = describe(w); !o.isEmpty())
                widgets.append(o);
        }
        windows.append(QJsonObject{
            {QStringLiteral("class"), QString::fromLatin1(top->metaObject()->className())},
            {QStringLiteral("name"), top->objectName()},
            {QStringLiteral("title"), top->windowTitle()},
            {QStringLiteral("active"), top->isActiveWindow()},
            {QStringLiteral("modal"), top->isModal()},
            {QStringLiteral("rect"), rectOf(top->rect(), top)},
            {QStringLiteral("widgets"), widgets}});
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return;
    file.write(QJsonDocument(QJsonObject{{QStringLiteral("windows"), windows}}).toJson());
    file.commit();
}

} // namespace

void startFromEnvironment()
{
    const QString path = qEnvironmentVariable("STRATA_UI_PROBE");
    if (path.isEmpty())
        return;
    auto *timer = new QTimer(qApp);
    timer->setInterval(200);
    QObject::connect(timer, &QTimer::timeout, qApp, [path] { write(path); });
    timer->start();
}

} // namespace strata::UiProbe
