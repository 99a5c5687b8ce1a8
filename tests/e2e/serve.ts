// Serves one private build for a journey: `tsx tests/e2e/serve.ts <buildDir> <assetsDir>` on PORT.
import { createApp } from "../../server";

const [buildDir, assetsDir] = process.argv.slice(2);
const port = Number(process.env.PORT);
const app = await createApp({ buildDir, assetsDir });
app.listen(port, "127.0.0.1", () => console.log(`e2e server on ${port}`));
