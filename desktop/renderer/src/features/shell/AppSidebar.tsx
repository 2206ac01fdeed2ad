import { useModel, useNavigation, useSettings } from '../../app/ModelContext';
import { SECTION_LABELS, SECTIONS } from '../../model/sections';
import { formatHash } from '../../model/navigationStore';
import { EncoreMark } from '../../ui/icons';
import { Sidebar, type SidebarItem } from '../../ui/Sidebar';
import { SECTION_ICONS } from './sectionIcons';
import type { Section } from '../../model/sections';

const MAIN: SidebarItem<Section>[] = SECTIONS.map((id) => ({
  id,
  label: SECTION_LABELS[id],
  icon: SECTION_ICONS[id],
  href: formatHash({ kind: 'section', section: id }),
}));

export function AppSidebar() {
  const model = useModel();
  const route = useNavigation((s) => s.route);
  const active = route.kind === 'section' ? route.section : null;
  const version = useSettings((s) => s.appInfo?.version ?? null);
  return (
    <Sidebar
      label="Main"
      items={MAIN}
      active={active}
      onSelect={(id) => model.navigation.go(id)}
      header={
        <div className="flex h-14 items-center gap-2.5 px-5">
          <EncoreMark className="size-7" />
          <span className="text-[15px] font-semibold tracking-tight">Encore</span>
        </div>
      }
      footer={
        <div className="border-t border-line px-5 py-3 text-xs leading-relaxed text-ink-faint">
          <p>Data stays on this computer</p>
          {version && <p data-testid="sidebar-version">Version {version}</p>}
        </div>
      }
    />
  );
}
