// Every page's stylesheet loads with the shell, in the order the pages are listed, although most
// pages' code loads on first visit (pages.tsx): shell parts (the sync chip) and the map page use
// classes from these sheets, and a stylesheet arriving with a page would restyle what is shown.
import '../pages/sync/sync.css';
import '../pages/blockages/blockages.css';
import '../pages/blockages/dispatch/dispatch.css';
import '../print/sheet.css';
import '../pages/sheet/sheet-page.css';
