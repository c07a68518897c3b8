//! `GET /healthz`.

use crate::helpers::*;
use crate::on_both_databases;

on_both_databases!(
    health_check_answers_200_when_the_database_answers,
    |backend| async move {
        let app = spawn(backend).await;
        let response = app
            .client
            .get(format!("{}/healthz", app.base))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(response.text().await.unwrap(), "ok");
    }
);

on_both_databases!(
    health_check_answers_503_when_the_database_is_gone,
    |backend| async move {
        let app = spawn(backend).await;
        app.db.clone().close().await.unwrap();
        let response = app
            .client
            .get(format!("{}/healthz", app.base))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 503);
    }
);
