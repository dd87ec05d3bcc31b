import { useEffect, useState } from 'react';

export interface Fix {
  position: [number, number];
  accuracyM: number;
  at: number;
}

/** The phone's position, kept up to date while the page is open (WGS84, as browsers report it). */
export function useGps(): { fix: Fix | null; error: string | null } {
  const [fix, setFix] = useState<Fix | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!window.isSecureContext) {
      // Browsers give GPS only to HTTPS pages (and localhost); a LAN page is plain HTTP.
      setError('浏览器不允许本页定位（需要 HTTPS）。上报时可用照片里的位置；或在 Chrome 的 chrome://flags 中把本地址设为安全来源');
      return;
    }
    if (!('geolocation' in navigator)) {
      setError('这部手机不支持定位');
      return;
    }
    const id = navigator.geolocation.watchPosition(
      (p) => {
        setFix({ position: [p.coords.longitude, p.coords.latitude], accuracyM: p.coords.accuracy, at: p.timestamp });
        setError(null);
      },
      (e) => setError(e.code === e.PERMISSION_DENIED ? '没有定位权限：请在浏览器设置里允许定位' : '暂时无法定位，请到开阔处'),
      { enableHighAccuracy: true, maximumAge: 10_000, timeout: 30_000 },
    );
    return () => navigator.geolocation.clearWatch(id);
  }, []);
  return { fix, error };
}
