import { ICON_SVG_PROPS, ICONS, type IconName } from '@mfv/ui/icons';

/** A decorative icon from @mfv/ui (the control around it carries the accessible name). */
export function Icon({ name, size = 20 }: { name: IconName; size?: number }) {
  return (
    <svg {...ICON_SVG_PROPS} width={size} height={size}>
      <path d={ICONS[name]} />
    </svg>
  );
}
