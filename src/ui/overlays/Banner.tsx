// A persistent message under the top bar (damaged share link, unreadable file).
import { selectBanner } from '../../store/index.ts';
import { actions, useAppStore } from '../hooks/useAppStore.ts';
import './overlays.css';

export function Banner() {
  const banner = useAppStore(selectBanner);
  if (banner === null) return <div className="banner-slot" />;
  return (
    <div className="banner-slot">
      <div className={`banner is-${banner.kind}`} role="alert" data-testid="banner">
        <div className="banner-text">
          <strong data-testid="banner.title">{banner.title}</strong>
          <span data-testid="banner.message">{banner.message}</span>
          {banner.details !== undefined && banner.details.length > 0 && (
            <ul className="banner-details">
              {banner.details.map((d, i) => (
                <li key={i}>{d}</li>
              ))}
            </ul>
          )}
        </div>
        <button type="button" className="btn btn-small" onClick={() => actions().dismissBanner()} data-testid="banner.dismiss">
          Dismiss
        </button>
      </div>
    </div>
  );
}
