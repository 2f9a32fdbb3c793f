#include "diff/SchemaDiff.h"

namespace strata {

QString objectKindName(ObjectKind kind)
{
    switch (kind) {
    case ObjectKind::Schema: return QStringLiteral("schema");
    case ObjectKind::Enum: return QStringLiteral("enum");
    case ObjectKind::Sequence: return QStringLiteral("sequence");
    case ObjectKind::Table: return QStringLiteral("table");
    case ObjectKind::Column: return QStringLiteral("column");
    case ObjectKind::PrimaryKey: return QStringLiteral("primary_key");
    case ObjectKind::Unique: return QStringLiteral("unique");
    case ObjectKind::ForeignKey: return QStringLiteral("foreign_key");
    case ObjectKind::Check: return QStringLiteral("check");
    case ObjectKind::Index: return QStringLiteral("index");
    case ObjectKind::View: return QStringLiteral("view");
    case ObjectKind::Trigger: return QStringLiteral("trigger");
    case ObjectKind::Comment: return QStringLiteral("comment");
    }
    return {};
}

QString changeActionName(ChangeAction a)
{
    switch (a) {
    case ChangeAction::Create: return QStringLiteral("create");
    case ChangeAction::Drop: return QStringLiteral("drop");
    case ChangeAction::Alter: return QStringLiteral("alter");
    }
    return {};
}

QString riskName(Risk risk)
{
    switch (risk) {
    case Risk::Safe: return QStringLiteral("safe");
    case Risk::Blocking: return QStringLiteral("blocking");
    case Risk::Destructive: return QStringLiteral("destructive");
    }
    return {};
}

QString SchemaDiffResult::forwardSql() const
{
    QString out;
    for (const Change &c : changes) {
        for (const QString &s : c.forward)
            out += s + QStringLiteral(";\n");
    }
    return out;
}

QString SchemaDiffResult::inverseSql() const
{
    QString out;
    for (auto it = changes.crbegin(); it != changes.crend(); ++it) {
        for (const QString &s : it->inverse)
            out += s + QStringLiteral(";\n");
    }
    return out;
}

// Placeholder until the diff engine lands: reports no changes.
SchemaDiffResult SchemaDiff::compare(const Schema &, const Schema &, const DiffOptions &)
{
    return {};
}

} // namespace strata
