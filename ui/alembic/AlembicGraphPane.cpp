#include "AlembicGraphPane.h"

#include "AlembicGraphDelegate.h"
#include "AlembicGraphModel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QVBoxLayout>

namespace strata {

AlembicGraphPane::AlembicGraphPane(QWidget *parent) : QWidget(parent)
{
    m_model = new AlembicGraphModel(this);
    m_header = new QLabel(this);
    m_header->setWordWrap(true);
    m_header->setTextFormat(Qt::PlainText);
    m_header->setContentsMargins(8, 6, 8, 6);
    m_view = new QListView(this);
    m_view->setModel(m_model);
    m_view->setItemDelegate(new AlembicGraphDelegate(m_view));
    m_view->setUniformItemSizes(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setMouseTracking(true);
    m_dryRun = new QPushButton(tr("Dry run"), this);
    m_migrate = new QPushButton(tr("Migrate…"), this);
    m_dryRun->setToolTip(
        tr("Run Alembic's SQL up to the selected pending revision (or every head) and roll back"));
    m_migrate->setToolTip(tr("Preview, then apply Alembic's SQL in one transaction"));
    connect(m_dryRun, &QPushButton::clicked, this, [this] { emit dryRunRequested(target()); });
    connect(m_migrate, &QPushButton::clicked, this, [this] { emit migrateRequested(target()); });
    auto *buttons = new QHBoxLayout;
    buttons->setContentsMargins(8, 0, 8, 6);
    buttons->addWidget(m_dryRun);
    buttons->addWidget(m_migrate);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_header);
    layout->addLayout(buttons);
    layout->addWidget(m_view, 1);
}

QString AlembicGraphPane::target() const
{
    const QModelIndex i = m_view->currentIndex();
    if (!i.isValid() ||
        MigrationState(i.data(AlembicGraphModel::StateRole).toInt()) != MigrationState::Pending)
        return {};
    return i.data(AlembicGraphModel::RevisionRole).toString();
}

void AlembicGraphPane::setStatus(const AlembicStatus &status, const QString &alembicCommand)
{
    m_model->setStatus(status);
    const int pending = status.count(MigrationState::Pending);
    QString text =
        tr("Alembic project · database at %1 · %2 pending")
            .arg(status.databaseHeads.isEmpty() ? tr("base")
                                                : status.databaseHeads.join(QStringLiteral(", ")))
            .arg(pending);
    text += alembicCommand.isEmpty()
                ? tr("\nThe `alembic` command is not installed: the graph and states are shown, "
                     "but dry runs and applies "
                     "need it (Debian: apt install alembic).")
                : tr("\nDry runs and applies use Alembic's offline SQL (%1).").arg(alembicCommand);
    m_header->setText(text);
    const bool runnable =
        !alembicCommand.isEmpty() && pending > 0 && status.databaseHeads.size() <= 1;
    m_dryRun->setEnabled(runnable);
    m_migrate->setEnabled(runnable);
}

} // namespace strata
